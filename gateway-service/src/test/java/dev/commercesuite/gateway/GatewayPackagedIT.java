package dev.commercesuite.gateway;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.PackagedService;
import dev.commercesuite.defaults.testing.PackagedServiceTests;
import dev.commercesuite.defaults.testing.RedisOutage;

class GatewayPackagedIT extends PackagedServiceTests {

    /** Edge authentication needs no key file: identity's JWKS is found through the identity upstream. */
    @Override
    protected Map<String, String> validEnvironment(Path dir) {
        return Map.of("QUARKUS_REDIS_HOSTS", RedisOutage.redisUri());
    }

    @Override
    protected List<String> requiredSettings() {
        return List.of("quarkus.redis.hosts (QUARKUS_REDIS_HOSTS) is not set: the rate-limit store is redis");
    }

    @Test
    void memoryStoreNeedsNoRedisHost() {
        try (PackagedService service = PackagedService.start(Map.of("GATEWAY_RATE_LIMIT_STORE", "memory"))) {
            service.awaitOk("/q/health/ready", Duration.ofSeconds(60));
            assertTrue(service.isAlive());
        }
    }

    @Test
    void aJwksUrlTheGatewayCannotCallIsRefused() {
        try (PackagedService service = PackagedService.start(Map.of("GATEWAY_RATE_LIMIT_STORE", "memory",
                "GATEWAY_AUTH_JWKS_URL", "identity-service/.well-known/jwks.json"))) {
            int exit = service.awaitExit(Duration.ofSeconds(60));
            assertNotEquals(0, exit, service.output());
            assertTrue(service.output().contains("gateway.auth.jwks-url (GATEWAY_AUTH_JWKS_URL) must be an absolute"
                    + " http(s) URL"), service.output());
        }
    }

    @Test
    void unknownStoreIsRefused() {
        try (PackagedService service = PackagedService.start(Map.of("GATEWAY_RATE_LIMIT_STORE", "etcd"))) {
            int exit = service.awaitExit(Duration.ofSeconds(60));
            assertNotEquals(0, exit, service.output());
            assertTrue(service.output().contains("gateway.rate-limit.store"), service.output());
        }
    }
}
