package dev.commercesuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With the in-memory store the gateway needs no Redis at all: ready even when no Redis answers. */
@QuarkusTest
@TestProfile(GatewayMemoryStoreTest.MemoryStoreWithoutRedis.class)
class GatewayMemoryStoreTest {

    public static class MemoryStoreWithoutRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.rate-limit.store", "memory",
                    "quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    @Test
    void readyWithoutRedis() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'Redis connection health check' }.data.store", equalTo("memory"));
    }
}
