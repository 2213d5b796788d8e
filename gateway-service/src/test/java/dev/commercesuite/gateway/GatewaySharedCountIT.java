package dev.commercesuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.commercesuite.defaults.testing.PackagedService;
import dev.commercesuite.defaults.testing.RedisOutage;
import dev.commercesuite.defaults.testing.TestKeys;

/**
 * Two packaged gateways on one Redis share one count: a client that spreads its sign-ups over both replicas gets
 * five in all, not five from each, and the requests refused by either never reach identity. A policy that cannot
 * work stops the gateway at start-up, named.
 */
class GatewaySharedCountIT {

    @TempDir
    Path dir;

    @Test
    void twoReplicasOnOneRedisShareTheCount() throws Exception {
        WireMockServer identity = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        identity.start();
        identity.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(202)));
        TestKeys.Pair keys = TestKeys.write(dir);
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_REDIS_HOSTS", RedisOutage.redisUri());
        environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString());
        environment.put("GATEWAY_UPSTREAMS_IDENTITY", "http://127.0.0.1:" + identity.port());
        // the test client names its address, so no count of an earlier run in the same Redis meets this one
        environment.put("GATEWAY_TRUSTED_PROXIES", "127.0.0.1/32");
        // two JVMs starting on a shared, loaded test machine may miss the production budget of 50 ms at first, and a
        // replica in its fallback counts alone; the budget and the fallback have tests of their own
        environment.put("GATEWAY_RATE_LIMIT_REDIS_TIMEOUT", "2S");
        String client = TestAddresses.fresh();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (PackagedService first = PackagedService.start(environment);
                PackagedService second = PackagedService.start(environment)) {
            first.awaitOk("/q/health/ready", Duration.ofSeconds(60));
            second.awaitOk("/q/health/ready", Duration.ofSeconds(60));

            int passed = 0;
            int refused = 0;
            for (int i = 0; i < 10; i++) {
                PackagedService replica = i % 2 == 0 ? first : second;
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(replica.uri("/api/v1/auth/signup"))
                        .header("X-Forwarded-For", client).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                passed += answer.statusCode() == 202 ? 1 : 0;
                refused += answer.statusCode() == 429 ? 1 : 0;
            }

            String logs = fallbackLines(first.output()) + fallbackLines(second.output());
            assertEquals(5, passed, logs);
            assertEquals(5, refused, logs);
            assertEquals(5, identity.findAll(postRequestedFor(urlEqualTo("/api/v1/auth/signup"))).size());
        } finally {
            identity.stop();
        }
    }

    @Test
    void anInvalidPolicyStopsTheGatewayNamingIt() {
        TestKeys.Pair keys = TestKeys.write(dir);
        try (PackagedService service = PackagedService.start(Map.of(
                "QUARKUS_REDIS_HOSTS", RedisOutage.redisUri(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString(),
                "GATEWAY_RATE_LIMIT_POLICIES_LOGIN_PATHS", "api/v1/auth/login"))) {
            int exit = service.awaitExit(Duration.ofSeconds(60));
            assertNotEquals(0, exit, service.output());
            assertTrue(service.output().contains("Rate-limit policy 'login' (gateway.rate-limit.policies.login.*)"),
                    service.output());
        }
    }

    private static String fallbackLines(String output) {
        StringBuilder lines = new StringBuilder();
        for (String line : output.split("\n")) {
            if (line.contains("CounterStore")) {
                lines.append(line).append('\n');
            }
        }
        return lines.toString();
    }
}
