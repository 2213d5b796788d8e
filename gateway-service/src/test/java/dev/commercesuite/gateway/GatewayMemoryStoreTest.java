package dev.commercesuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With the in-memory store the gateway needs no Redis at all: ready even when no Redis answers, and limiting with the
 * same policies and headers in process.
 */
@QuarkusTest
@TestProfile(GatewayMemoryStoreTest.MemoryStoreWithoutRedis.class)
class GatewayMemoryStoreTest {

    public static class MemoryStoreWithoutRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.rate-limit.store", "memory",
                    "quarkus.redis.hosts", "redis://127.0.0.1:1",
                    "gateway.abuse.allow", "192.0.2.10/32");
        }
    }

    @Test
    void readyWithoutRedis() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'Redis connection health check' }.data.store", equalTo("memory"));
    }

    @Test
    void limitsHoldInProcess() {
        WireMock identity = UpstreamStub.client(UpstreamStub.IDENTITY);
        identity.resetMappings();
        identity.resetRequests();
        identity.register(any(anyUrl()).willReturn(aResponse().withStatus(202)));
        for (int remaining = 2; remaining >= 0; remaining--) {
            given().contentType("application/json").body("{}").when().post("/api/v1/auth/resend-verification")
                    .then().statusCode(202).header("RateLimit-Policy", "\"resend-verification\";q=3;w=3600")
                    .header("X-RateLimit-Remaining", Integer.toString(remaining));
        }
        given().contentType("application/json").body("{}").when().post("/api/v1/auth/resend-verification")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", GatewayRateLimitTest.seconds(3600));
        identity.verifyThat(3, postRequestedFor(urlEqualTo("/api/v1/auth/resend-verification")));
    }
}
