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
import dev.commercesuite.defaults.testing.TestKeys;

class GatewayPackagedIT extends PackagedServiceTests {

    @Override
    protected Map<String, String> validEnvironment(Path dir) {
        TestKeys.Pair keys = TestKeys.write(dir);
        return Map.of(
                "QUARKUS_REDIS_HOSTS", RedisOutage.redisUri(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString());
    }

    @Override
    protected List<String> requiredSettings() {
        return List.of("mp.jwt.verify.publickey.location (MP_JWT_VERIFY_PUBLICKEY_LOCATION)",
                "quarkus.redis.hosts (QUARKUS_REDIS_HOSTS) is not set: the rate-limit store is redis");
    }

    @Test
    void memoryStoreNeedsNoRedisHost() {
        TestKeys.Pair keys = TestKeys.write(dir);
        try (PackagedService service = PackagedService.start(Map.of(
                "GATEWAY_RATE_LIMIT_STORE", "memory",
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString()))) {
            service.awaitOk("/q/health/ready", Duration.ofSeconds(60));
            assertTrue(service.isAlive());
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
