package dev.commercesuite.gateway.ratelimit;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.commercesuite.gateway.config.RateLimitConfig;
import io.quarkus.runtime.Startup;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Response;

/**
 * Decides one rate-limit check: by the sliding-window script in Redis (one atomic round trip, so replicas share one
 * count), or by the in-process limiter when the store is {@code memory} or Redis did not answer in time. Keys are
 * hash-tagged per policy and subject ({@code rl:{login:ip:...}}) so each check touches one Redis Cluster slot. Time
 * comes from the gateway's clock, not Redis', so replicas need synchronised clocks (NTP), and tests can move it.
 */
@Startup
@ApplicationScoped
public class RateLimiter {

    private static final long SWEEP_MILLIS = 10_000;

    private final CounterStore store;
    private final LocalLimiter local;
    private final Vertx vertx;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong sequence = new AtomicLong();
    private final long sweepTimer;

    @Inject
    public RateLimiter(RateLimitConfig config, CounterStore store, Vertx vertx, Clock clock) {
        this(config.memoryMaxKeys(), store, vertx, clock);
    }

    RateLimiter(int maxLocalKeys, CounterStore store, Vertx vertx, Clock clock) {
        this.store = store;
        this.local = new LocalLimiter(maxLocalKeys);
        this.vertx = vertx;
        this.sweepTimer = vertx.setPeriodic(SWEEP_MILLIS, id -> local.sweep(clock.millis()));
    }

    /**
     * Counts a request of {@code key} (the subject, without the policy) against {@code policy} at {@code now} and
     * hands the decision to {@code decided} on {@code context}.
     */
    void check(RateLimitPolicy policy, String key, long now, Context context, Handler<Decision> decided) {
        String counter = "rl:{" + policy.name() + ':' + key + '}';
        if (!store.available()) {
            decided.handle(local.check(counter, policy, now));
            return;
        }
        String member = instance + ':' + sequence.incrementAndGet();
        store.eval(RedisScript.SLIDING_WINDOW, new String[] {counter},
                new String[] {Long.toString(now), Long.toString(policy.windowMillis()),
                        Integer.toString(policy.limit()), member},
                context, new CounterStore.Reply() {
                    @Override
                    public void answered(Response response) {
                        Decision decision = decision(response, policy);
                        if (decision == null) {
                            decided.handle(local.check(counter, policy, now));
                            return;
                        }
                        if (decision.allowed()) {
                            local.record(counter, policy, now);
                        }
                        decided.handle(decision);
                    }

                    @Override
                    public void failed() {
                        decided.handle(local.check(counter, policy, now));
                    }
                });
    }

    private static Decision decision(Response response, RateLimitPolicy policy) {
        if (response == null || response.size() < 3) {
            return null;
        }
        long reset = Math.min(Math.max(1, response.get(2).toLong()), policy.windowMillis());
        return new Decision(response.get(0).toInteger() == 1, Math.max(0, response.get(1).toInteger()), reset);
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(sweepTimer);
    }
}
