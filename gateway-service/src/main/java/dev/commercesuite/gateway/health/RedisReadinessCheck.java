package dev.commercesuite.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.commercesuite.gateway.config.RateLimitConfig;
import dev.commercesuite.gateway.ratelimit.CounterStore;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * Where the rate-limit counters live and whether this replica is in its fallback. Always UP: without Redis the
 * gateway keeps limiting with its in-process counters, so taking the replica out of service would only turn a
 * degraded limiter into an outage; the detail ({@code fallback: true}) and the {@code gateway_rate_limit_fallback}
 * gauge say so instead. Asynchronous, so a slow Redis never blocks an event-loop thread. It asks through the same
 * bare Vert.x client as {@link CounterStore}: injecting a Redis data source as well made Quarkus create a second
 * client for the same name, with its own pool and a second registration of the pool's gauges.
 */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements AsyncHealthCheck {

    static final String NAME = "Redis connection health check";

    private final RateLimitConfig rateLimit;
    private final Instance<Redis> redis;
    private final CounterStore store;

    public RedisReadinessCheck(RateLimitConfig rateLimit, Instance<Redis> redis,
            CounterStore store) {
        this.rateLimit = rateLimit;
        this.redis = redis;
        this.store = store;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (rateLimit.store() != RateLimitConfig.Store.REDIS) {
            return Uni.createFrom().item(HealthCheckResponse.builder().name(NAME).up()
                    .withData("store", "memory").build());
        }
        return Uni.createFrom().completionStage(() -> redis.get().send(Request.cmd(Command.PING)).toCompletionStage())
                .ifNoItem().after(rateLimit.redisCheckTimeout()).fail()
                .map(reply -> {
                    store.observed(true);
                    return HealthCheckResponse.builder().name(NAME).up().withData("store", "redis")
                            .withData("fallback", store.fallback()).build();
                })
                .onFailure().recoverWithItem(failure -> {
                    store.observed(false);
                    return HealthCheckResponse.builder().name(NAME).up().withData("store", "redis")
                            .withData("fallback", true)
                            .withData("error", failure.getClass().getSimpleName()).build();
                });
    }
}
