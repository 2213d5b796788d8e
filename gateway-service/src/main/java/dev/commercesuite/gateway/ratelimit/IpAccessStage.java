package dev.commercesuite.gateway.ratelimit;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.defaults.problem.RouterProblemHandlers;
import dev.commercesuite.gateway.config.AbuseConfig;
import dev.commercesuite.gateway.domain.GatewayProblem;
import dev.commercesuite.gateway.domain.IpRanges;
import dev.commercesuite.gateway.route.Exchange;
import dev.commercesuite.gateway.route.GatewayStage;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The first stage: a client address on the deny list is refused (403 {@code ip-denied}), one on the allow list is
 * never limited or blocked, and one blocked for abuse ({@link AbuseBlocks}) is refused (403 {@code ip-blocked}, with
 * {@code Retry-After}) before anything else is done for it. The address is the one {@code ClientAddress} resolved,
 * so a spoofed {@code X-Forwarded-For} from an untrusted peer changes nothing.
 */
@ApplicationScoped
public class IpAccessStage implements GatewayStage {

    private static final String ALLOW_LISTED = "gateway.allow-listed";
    private static final CharSequence RETRY_AFTER = HttpHeaders.createOptimized("Retry-After");

    private final IpRanges allow;
    private final IpRanges deny;
    private final AbuseBlocks abuse;
    private final RateLimitMetrics metrics;
    private final RouterProblemHandlers problems;
    private final Clock clock;

    public IpAccessStage(AbuseConfig config, AbuseBlocks abuse, RateLimitMetrics metrics,
            RouterProblemHandlers problems, Clock clock) {
        this.allow = IpRanges.of(config.allow());
        this.deny = IpRanges.of(config.deny());
        this.abuse = abuse;
        this.metrics = metrics;
        this.problems = problems;
        this.clock = clock;
    }

    /** Whether the request's client is on the allow list (set by this stage). */
    public static boolean allowListed(RoutingContext ctx) {
        return ctx.get(ALLOW_LISTED) != null;
    }

    @Override
    public int order() {
        return IP_ACCESS;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String ip = Exchange.clientIp(ctx);
        if (!deny.isEmpty() && deny.contains(ip)) {
            metrics.denied();
            problems.write(ctx, GatewayProblem.IP_DENIED.of("Requests from your address are not accepted.",
                    ctx.request().path()));
            return;
        }
        if (!allow.isEmpty() && allow.contains(ip)) {
            ctx.put(ALLOW_LISTED, Boolean.TRUE);
            ctx.next();
            return;
        }
        long now = clock.millis();
        long known = abuse.known(ip, now);
        if (known == 0) {
            ctx.next();
        } else if (known > 0) {
            refuse(ctx, known, now);
        } else {
            abuse.lookup(ip, now, Vertx.currentContext(), until -> {
                if (until > now) {
                    refuse(ctx, until, now);
                } else {
                    ctx.next();
                }
            });
        }
    }

    private void refuse(RoutingContext ctx, long until, long now) {
        if (ctx.response().closed() || ctx.response().ended()) {
            return;
        }
        metrics.blocked();
        long seconds = Math.max(1, (until - now + 999) / 1000);
        ctx.response().headers().set(RETRY_AFTER, Long.toString(seconds));
        problems.write(ctx, GatewayProblem.IP_BLOCKED.of("Your address sent too many requests over the limits and is"
                + " blocked; retry in " + seconds + " s.", ctx.request().path()));
    }
}
