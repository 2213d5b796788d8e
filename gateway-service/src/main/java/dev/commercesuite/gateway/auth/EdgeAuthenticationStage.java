package dev.commercesuite.gateway.auth;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.commercesuite.defaults.problem.RouterProblemHandlers;
import dev.commercesuite.gateway.config.AuthConfig;
import dev.commercesuite.gateway.domain.GatewayProblem;
import dev.commercesuite.gateway.ratelimit.AbuseBlocks;
import dev.commercesuite.gateway.ratelimit.IpAccessStage;
import dev.commercesuite.gateway.route.Exchange;
import dev.commercesuite.gateway.route.GatewayStage;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Edge authentication: a bearer JWT is verified against identity's JWKS before the request goes anywhere, so a
 * forged, expired or malformed token is a 401 problem that never costs a service a request; a valid one passes
 * unchanged (the services verify every token again) and its subject keys the per-user rate limits
 * ({@link Exchange#subject}). A request without {@code Authorization}, or with another scheme (Basic), passes
 * untouched: whether a path needs a token is the service's business. An API key ({@code Bearer cs_live_...}) is
 * exchanged at identity for a short JWT ({@link ApiKeyExchange}), which is forwarded in its place. Paths that take credentials of their own
 * (identity's {@code /api/v1/auth/**}, the JWKS, Stripe's webhook) are not checked, so an expired access token sent
 * along with a refresh never stands in its way.
 */
@ApplicationScoped
public class EdgeAuthenticationStage implements GatewayStage {

    private static final Logger LOG = Logger.getLogger(EdgeAuthenticationStage.class);
    private static final String BEARER = "Bearer ";
    private static final String UNCHECKED_PREFIX = "/api/v1/auth/";
    private static final Set<String> UNCHECKED = Set.of("/.well-known/jwks.json", "/api/v1/webhooks/stripe");
    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    private static final String INVALID_TOKEN = "Bearer error=\"invalid_token\"";

    private final boolean enabled;
    private final TokenVerifier tokens;
    private final ApiKeyExchange apiKeys;
    private final RouterProblemHandlers problems;
    private final AbuseBlocks abuse;
    private final Clock clock;

    EdgeAuthenticationStage(AuthConfig config, TokenVerifier tokens, ApiKeyExchange apiKeys,
            RouterProblemHandlers problems, AbuseBlocks abuse, Clock clock) {
        this.abuse = abuse;
        this.clock = clock;
        this.enabled = config.enabled();
        this.tokens = tokens;
        this.apiKeys = apiKeys;
        this.problems = problems;
    }

    @Override
    public int order() {
        return EDGE_AUTHENTICATION;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !enabled || unchecked(ctx.normalizedPath())) {
            ctx.next();
            return;
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length() - 1)) {
            ctx.next(); // Basic and other schemes are the service's to judge
            return;
        }
        if (ctx.request().headers().getAll(HttpHeaders.AUTHORIZATION).size() > 1) {
            invalid(ctx, "Send one Authorization header.");
            return;
        }
        String credential = authorization.length() <= BEARER.length() ? ""
                : authorization.substring(BEARER.length()).strip();
        if (credential.isEmpty() || authorization.charAt(BEARER.length() - 1) != ' ') {
            invalid(ctx, "The Authorization header carries no bearer token.");
            return;
        }
        ByteBuffer digest = TokenVerifier.digest(credential);
        if (ApiKeyExchange.isApiKey(credential)) {
            exchangeApiKey(ctx, credential, digest);
            return;
        }
        TokenVerifier.Verified known = tokens.remembered(digest);
        if (known != null) {
            Exchange.subject(ctx, known.subject());
            ctx.next();
            return;
        }
        Context context = Vertx.currentContext();
        tokens.verify(credential, digest).onComplete(onContext(ctx, context, done -> {
            if (done.succeeded()) {
                Exchange.subject(ctx, done.result().subject());
                ctx.next();
            } else {
                refuse(ctx, done.cause());
            }
        }));
    }

    /** The API key is swapped for identity's JWT for it: the key itself never reaches a service. */
    private void exchangeApiKey(RoutingContext ctx, String apiKey, ByteBuffer digest) {
        ApiKeyExchange.Exchanged known = apiKeys.remembered(digest);
        if (known != null) {
            forwardAs(ctx, known);
            return;
        }
        Context context = Vertx.currentContext();
        apiKeys.exchange(apiKey, digest).onComplete(onContext(ctx, context, done -> {
            if (done.succeeded()) {
                forwardAs(ctx, done.result());
            } else {
                refuse(ctx, done.cause());
            }
        }));
    }

    private static void forwardAs(RoutingContext ctx, ApiKeyExchange.Exchanged exchanged) {
        ctx.request().headers().set(HttpHeaders.AUTHORIZATION, exchanged.authorization());
        Exchange.subject(ctx, exchanged.subject());
        ctx.next();
    }

    private static boolean unchecked(String path) {
        return path == null || path.startsWith(UNCHECKED_PREFIX) || UNCHECKED.contains(path);
    }

    /**
     * {@code handler} on the request's own context, wherever the result arrives (a shared fetch completes on one
     * request's context only), and not at all once the client has gone away: nothing to forward or answer then.
     */
    private static <T> Handler<AsyncResult<T>> onContext(RoutingContext ctx, Context context,
            Handler<AsyncResult<T>> handler) {
        return result -> {
            if (context == null || Vertx.currentContext() == context) {
                resume(ctx, handler, result);
            } else {
                context.runOnContext(ignored -> resume(ctx, handler, result));
            }
        };
    }

    private static <T> void resume(RoutingContext ctx, Handler<AsyncResult<T>> handler, AsyncResult<T> result) {
        if (!ctx.response().closed()) {
            handler.handle(result);
        }
    }

    private void refuse(RoutingContext ctx, Throwable cause) {
        if (!(cause instanceof EdgeRefusal refusal)) {
            LOG.errorf(cause, "Edge authentication failed for %s", ctx.request().path());
            unavailable(ctx, "The gateway cannot check the token right now. Try again shortly.", 5);
            return;
        }
        if (refusal.unavailable()) {
            unavailable(ctx, refusal.getMessage(), refusal.retryAfterSeconds());
        } else {
            invalid(ctx, refusal.getMessage());
        }
    }

    private void invalid(RoutingContext ctx, String detail) {
        LOG.debugf("Bearer credential refused for %s: %s", ctx.request().path(), detail);
        if (!IpAccessStage.allowListed(ctx)) {
            // refused credentials count like 429s towards blocking the address: guessing keys or forging tokens
            // runs ahead of the rate limits, which need the verified subject
            abuse.refused(Exchange.clientIp(ctx), clock.millis(), Vertx.currentContext());
        }
        ctx.response().putHeader(WWW_AUTHENTICATE, INVALID_TOKEN);
        problems.write(ctx, GatewayProblem.INVALID_TOKEN.of(detail, ctx.request().path()));
    }

    private void unavailable(RoutingContext ctx, String detail, long retryAfterSeconds) {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        problems.write(ctx, GatewayProblem.UPSTREAM_UNAVAILABLE.of(detail, ctx.request().path()));
    }
}
