package dev.commercesuite.defaults.requestid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Gives every HTTP request an id before anything else runs: echoed in {@code X-Request-Id} on the response, put in
 * the logging context for the lifetime of the request.
 */
@ApplicationScoped
public class RequestIdFilter {

    /** Runs ahead of every other filter, so even an early failure answers with the id. */
    public static final int PRIORITY = 100_000;

    void register(@Observes Filters filters) {
        filters.register(ctx -> {
            String id = RequestId.acceptOrGenerate(ctx.request().getHeader(RequestId.HEADER));
            ctx.put(RequestId.MDC_KEY, id);
            MDC.put(RequestId.MDC_KEY, id);
            ctx.response().putHeader(RequestId.HEADER, id);
            ctx.next();
        }, PRIORITY);
    }
}
