package dev.commercesuite.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.defaults.problem.RouterProblemHandlers;
import dev.commercesuite.gateway.domain.GatewayProblem;
import dev.commercesuite.gateway.route.Exchange;
import dev.commercesuite.gateway.route.GatewayStage;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Applies the first matching rate-limit policy to a routed request: counts it (Redis, or the in-process fallback),
 * puts the IETF {@code RateLimit-Policy}/{@code RateLimit} and the {@code X-RateLimit-*} headers on whatever answers
 * it (the upstream's answer too), and refuses a request over the limit with 429 {@code rate-limited} and
 * {@code Retry-After} before it reaches a service. Exempt policies (the Stripe webhook) and allow-listed addresses
 * pass untouched. The login policy keys on address and email: only then is the body read, whole, when it declares
 * at most 16 KiB; it is forwarded as read.
 */
@ApplicationScoped
public class RateLimitStage implements GatewayStage {

    /** Login bodies larger than this are not read; their count is kept per address alone. */
    static final int MAX_KEY_BODY = 16 * 1024;

    private static final CharSequence RATE_LIMIT_POLICY = HttpHeaders.createOptimized("RateLimit-Policy");
    private static final CharSequence RATE_LIMIT_HEADER = HttpHeaders.createOptimized("RateLimit");
    private static final CharSequence LIMIT = HttpHeaders.createOptimized("X-RateLimit-Limit");
    private static final CharSequence REMAINING = HttpHeaders.createOptimized("X-RateLimit-Remaining");
    private static final CharSequence RESET = HttpHeaders.createOptimized("X-RateLimit-Reset");
    private static final CharSequence RETRY_AFTER = HttpHeaders.createOptimized("Retry-After");

    private final RateLimitPolicies policies;
    private final RateLimiter limiter;
    private final AbuseBlocks abuse;
    private final RateLimitMetrics metrics;
    private final RouterProblemHandlers problems;
    private final Clock clock;

    public RateLimitStage(RateLimitPolicies policies, RateLimiter limiter, AbuseBlocks abuse, RateLimitMetrics metrics,
            RouterProblemHandlers problems, Clock clock) {
        this.policies = policies;
        this.limiter = limiter;
        this.abuse = abuse;
        this.metrics = metrics;
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    public int order() {
        return RATE_LIMIT;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (IpAccessStage.allowListed(ctx)) {
            ctx.next();
            return;
        }
        RateLimitPolicy policy = policies.match(ctx.request().method(), ctx.normalizedPath());
        if (policy == null || policy.exempt()) {
            ctx.next();
            return;
        }
        String ip = Exchange.clientIp(ctx);
        switch (policy.key()) {
            case IP -> check(ctx, policy, "ip:" + ip, ip);
            case USER_OR_IP -> {
                String subject = Exchange.subject(ctx);
                check(ctx, policy, subject == null ? "ip:" + ip : "user:" + subject, ip);
            }
            case IP_AND_EMAIL -> withEmail(ctx, email -> check(ctx, policy,
                    email == null ? "ip:" + ip : "ip:" + ip + ":email:" + email, ip));
        }
    }

    private void check(RoutingContext ctx, RateLimitPolicy policy, String key, String ip) {
        long start = System.nanoTime();
        long now = clock.millis();
        Context context = Vertx.currentContext();
        limiter.check(policy, key, now, context, decision -> decided(ctx, policy, decision, ip, now, start));
    }

    private void decided(RoutingContext ctx, RateLimitPolicy policy, Decision decision, String ip, long now,
            long start) {
        if (ctx.response().closed() || ctx.response().ended()) {
            return; // the client went away while Redis answered
        }
        long reset = decision.resetSeconds();
        String remaining = Integer.toString(decision.remaining());
        String resetText = Long.toString(reset);
        MultiMap headers = ctx.response().headers();
        headers.set(RATE_LIMIT_POLICY, policy.policyHeader());
        headers.set(RATE_LIMIT_HEADER, "\"" + policy.name() + "\";r=" + remaining + ";t=" + resetText);
        headers.set(LIMIT, policy.limitHeader());
        headers.set(REMAINING, remaining);
        headers.set(RESET, resetText);
        ctx.addEndHandler(done -> metrics.latency(policy, System.nanoTime() - start));
        if (decision.allowed()) {
            metrics.allowed(policy);
            ctx.next();
            return;
        }
        metrics.limited(policy);
        abuse.refused(ip, now, Vertx.currentContext());
        headers.set(RETRY_AFTER, resetText);
        problems.write(ctx, GatewayProblem.RATE_LIMITED.of("More than " + policy.limit() + " requests in "
                + window(policy.windowMillis()) + " (policy " + policy.name() + "); retry in " + reset + " s.",
                ctx.request().path()));
    }

    /** Reads the body (when small enough and not read yet) and hands the normalised email, or null, to {@code then}. */
    private static void withEmail(RoutingContext ctx, Consumer<String> then) {
        Buffer buffered = Exchange.bufferedBody(ctx);
        if (buffered != null) {
            then.accept(email(buffered));
            return;
        }
        HttpServerRequest request = ctx.request();
        long declared = declaredLength(request.getHeader(HttpHeaders.CONTENT_LENGTH));
        if (declared <= 0 || declared > MAX_KEY_BODY || request.isEnded()) {
            then.accept(null); // streamed, empty or large: counted per address, and forwarded as it comes
            return;
        }
        Buffer body = Buffer.buffer((int) declared);
        request.handler(body::appendBuffer);
        request.exceptionHandler(failure -> {
            // the client went away mid-body: nothing is left to answer
        });
        request.endHandler(end -> {
            Exchange.bufferBody(ctx, body);
            then.accept(email(body));
        });
        request.resume();
    }

    /** The {@code email} of a JSON body, trimmed and lower-cased, as a hash (no addresses in Redis); null if none. */
    static String email(Buffer body) {
        Object email;
        try {
            email = new JsonObject(body).getValue("email");
        } catch (RuntimeException e) {
            return null; // not a JSON object: the service answers it; the count is kept per address
        }
        if (!(email instanceof String text) || text.isBlank() || text.length() > 320) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(text.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String window(long millis) {
        long seconds = millis / 1000;
        if (seconds % 3600 == 0) {
            return seconds / 3600 == 1 ? "1 hour" : seconds / 3600 + " hours";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 == 1 ? "1 minute" : seconds / 60 + " minutes";
        }
        return seconds + " seconds";
    }
}
