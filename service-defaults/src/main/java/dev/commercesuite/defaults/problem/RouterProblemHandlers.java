package dev.commercesuite.defaults.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.commercesuite.defaults.requestid.RequestIdFilter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The problem+json answers for what never reaches a REST resource: a path no route serves, and failures raised by
 * the HTTP layer itself (an oversized body, a broken request, an error in a filter).
 */
@ApplicationScoped
public class RouterProblemHandlers {

    private static final Logger LOG = Logger.getLogger(RouterProblemHandlers.class);

    /** Right after the request id is assigned, ahead of Quarkus' own body-size check that answers without a body. */
    static final int BODY_LIMIT_PRIORITY = RequestIdFilter.PRIORITY - 1;

    private final ObjectMapper json;
    private final Optional<MemorySize> maxBodySize;

    public RouterProblemHandlers(ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.json = json;
        this.maxBodySize = maxBodySize;
    }

    void limitBodies(@Observes Filters filters) {
        maxBodySize.ifPresent(limit -> filters.register(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && declaredLength(length) > limit.asLongValue()) {
                // the body is never read: close the connection rather than drain an oversized upload
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                write(ctx, 413);
                return;
            }
            ctx.next();
        }, BODY_LIMIT_PRIORITY));
    }

    private static boolean declaresBody(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        return ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || length != null && !"0".equals(length.strip());
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1; // Vert.x rejects a malformed Content-Length before routing; nothing to add here
        }
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
        // what the router answers by itself: no route (404), a path it cannot decode (400), and the rest
        for (int status : new int[] {400, 404, 405, 406, 413, 415, 500, 503}) {
            router.errorHandler(status, ctx -> write(ctx, status));
        }
    }

    private void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            // a missing, expired, forged or otherwise unacceptable token, rejected before any resource runs
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            write(ctx, 401);
            return;
        }
        if (failure instanceof ForbiddenException) {
            write(ctx, 403);
            return;
        }
        int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
        if (status >= 500 && ctx.failure() != null) {
            LOG.error("Request failed in the HTTP layer", ctx.failure());
        }
        write(ctx, status);
    }

    void write(RoutingContext ctx, int status) {
        write(ctx, status, Problems.defaultDetail(status));
    }

    /**
     * Answers {@code status} as problem+json with {@code detail}, for handlers that work at the router level (the
     * gateway's routes); a response already under way is closed instead.
     */
    public void write(RoutingContext ctx, int status, String detail) {
        if (ctx.response().headWritten()) {
            ctx.response().close();
            return;
        }
        write(ctx, Problems.of(ProblemType.forStatus(status), status, detail, ctx.request().path()));
    }

    /** Answers {@code problem} as problem+json, for filters that refuse a request before any resource runs. */
    public void write(RoutingContext ctx, Problem problem) {
        if (ctx.response().headWritten()) {
            ctx.response().close();
            return;
        }
        int status = problem.status();
        if (!ctx.request().isEnded() && declaresBody(ctx)) {
            // refused before its body was read: close rather than leave the body in the way of the next request
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        // the request's own id: an asynchronous handler may run while the logging context holds another request's
        String requestId = ctx.get(dev.commercesuite.defaults.requestid.RequestId.MDC_KEY);
        Problem answer = requestId == null || requestId.equals(problem.requestId()) ? problem
                : new Problem(problem.type(), problem.title(), status, problem.detail(), problem.instance(),
                        requestId, problem.errors());
        String body;
        try {
            body = json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + "}";
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }
}
