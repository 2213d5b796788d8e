package dev.commercesuite.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.commercesuite.gateway.config.GatewayConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Ready only while Redis answers PING within the configured timeout, when the rate-limit counters live there.
 * Asynchronous, so a slow Redis never blocks an event-loop thread.
 */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements AsyncHealthCheck {

    static final String NAME = "Redis connection health check";

    private final GatewayConfig gateway;
    private final Instance<ReactiveRedisDataSource> redis;

    public RedisReadinessCheck(GatewayConfig gateway, Instance<ReactiveRedisDataSource> redis) {
        this.gateway = gateway;
        this.redis = redis;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (gateway.rateLimit().store() != GatewayConfig.Store.REDIS) {
            return Uni.createFrom().item(HealthCheckResponse.builder().name(NAME).up()
                    .withData("store", "memory").build());
        }
        return redis.get().execute("PING")
                .ifNoItem().after(gateway.rateLimit().redisCheckTimeout()).fail()
                .map(reply -> HealthCheckResponse.builder().name(NAME).up().withData("store", "redis").build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.builder().name(NAME).down()
                        .withData("store", "redis")
                        .withData("error", failure.getClass().getSimpleName()).build());
    }
}
