package dev.commercesuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Each upstream's circuit breaker against a WireMock stub that fails: five failures open it, an open breaker answers
 * 503 {@code upstream-unavailable} without a call (the stub's journal proves it), trials after the open period close
 * it again, and the other upstreams never notice. The open period is 2 s here so the test can wait it out.
 */
@QuarkusTest
@TestProfile(GatewayCircuitBreakerTest.ShortOpenPeriod.class)
class GatewayCircuitBreakerTest {

    private static final String PROBLEMS = "https://commercesuite.dev/problems/";

    public static class ShortOpenPeriod implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.upstreams.breaker.open-for", "2S",
                    "gateway.upstreams.notification-timeout", "5S");
        }
    }

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void reset() {
        for (String name : List.of(UpstreamStub.IDENTITY, UpstreamStub.ORDER, UpstreamStub.NOTIFICATION)) {
            UpstreamStub.client(name).resetMappings();
            UpstreamStub.client(name).resetRequests();
        }
    }

    @Test
    void aFailingUpstreamOpensItsBreakerIsRefusedAtOnceAndTwoSuccessfulTrialsCloseIt() {
        WireMock order = UpstreamStub.client(UpstreamStub.ORDER);
        order.register(get(urlEqualTo("/api/v1/products"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        WireMock notification = UpstreamStub.client(UpstreamStub.NOTIFICATION);
        notification.register(get(urlEqualTo("/api/v1/notifications")).willReturn(aResponse().withStatus(200)));

        for (int i = 0; i < 5; i++) {
            given().when().get("/api/v1/products").then().statusCode(502)
                    .body("type", equalTo(PROBLEMS + "bad-gateway"));
        }
        assertEquals(2.0, breakerState(UpstreamStub.ORDER), "open");

        Response refused = given().when().get("/api/v1/products");
        refused.then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "upstream-unavailable"))
                .body("title", equalTo("Service temporarily unavailable"))
                .body("detail", org.hamcrest.Matchers.containsString("order"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
        assertEquals(5, order.find(getRequestedFor(urlEqualTo("/api/v1/products"))).size(),
                "the refused request never reached the service");
        given().when().get("/api/v1/notifications").then().statusCode(200);
        assertEquals(0.0, breakerState(UpstreamStub.NOTIFICATION), "another upstream's breaker stays closed");

        order.register(get(urlEqualTo("/api/v1/products")).willReturn(aResponse().withStatus(200).withBody("[]")));
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().when().get("/api/v1/products").statusCode() == 200);
        assertEquals(1.0, breakerState(UpstreamStub.ORDER), "half-open after one successful trial");
        given().when().get("/api/v1/products").then().statusCode(200).body(equalTo("[]"));

        assertEquals(0.0, breakerState(UpstreamStub.ORDER), "closed after two");
        assertEquals(7, order.find(getRequestedFor(urlEqualTo("/api/v1/products"))).size(),
                "five failures and two trials, nothing while open");
    }

    @Test
    void theServiceAnswering503CountsAndAFailedTrialOpensItAgain() {
        WireMock identity = UpstreamStub.client(UpstreamStub.IDENTITY);
        identity.register(get(urlEqualTo("/api/v1/users/me")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":503}")));

        for (int i = 0; i < 5; i++) {
            given().when().get("/api/v1/users/me").then().statusCode(503).body(equalTo("{\"status\":503}"));
        }
        given().when().get("/api/v1/users/me").then().statusCode(503)
                .body("type", equalTo(PROBLEMS + "upstream-unavailable"));
        assertEquals(5, identity.find(getRequestedFor(urlEqualTo("/api/v1/users/me"))).size());

        // the first trial after the open period still fails: open again, without a second trial
        requestUntil("/api/v1/users/me",
                () -> identity.find(getRequestedFor(urlEqualTo("/api/v1/users/me"))).size() > 5);
        assertEquals(2.0, breakerState(UpstreamStub.IDENTITY));
        given().when().get("/api/v1/users/me").then().statusCode(503)
                .body("type", equalTo(PROBLEMS + "upstream-unavailable"));
        assertEquals(6, identity.find(getRequestedFor(urlEqualTo("/api/v1/users/me"))).size());

        identity.register(get(urlEqualTo("/api/v1/users/me")).willReturn(aResponse().withStatus(200)));
        requestUntil("/api/v1/users/me", () -> breakerState(UpstreamStub.IDENTITY) == 0.0);
    }

    @Test
    void errorsOfTheServicesOwnAnswersNeverOpenIt() {
        WireMock notification = UpstreamStub.client(UpstreamStub.NOTIFICATION);
        notification.register(get(urlEqualTo("/api/v1/notifications/1")).willReturn(aResponse().withStatus(500)));
        notification.register(get(urlEqualTo("/api/v1/notifications/2")).willReturn(aResponse().withStatus(404)));

        long answeredBefore = answered(UpstreamStub.NOTIFICATION);

        for (int i = 0; i < 8; i++) {
            given().when().get("/api/v1/notifications/1").then().statusCode(500);
            given().when().get("/api/v1/notifications/2").then().statusCode(404);
        }

        assertEquals(0.0, breakerState(UpstreamStub.NOTIFICATION));
        assertEquals(8, notification.find(getRequestedFor(urlEqualTo("/api/v1/notifications/1"))).size());
        assertEquals(16, answered(UpstreamStub.NOTIFICATION) - answeredBefore, "each call's outcome: answered");
    }

    @Test
    void eachServiceHasItsOwnTimeout() {
        WireMock order = UpstreamStub.client(UpstreamStub.ORDER);
        order.register(get(urlEqualTo("/api/v1/products/slow")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(2_000)));
        order.register(get(urlEqualTo("/api/v1/products")).willReturn(aResponse().withStatus(200)));
        UpstreamStub.client(UpstreamStub.NOTIFICATION).register(get(urlEqualTo("/api/v1/notifications/slow"))
                .willReturn(aResponse().withStatus(200).withBody("late").withFixedDelay(2_000)));

        given().when().get("/api/v1/products/slow").then().statusCode(504)
                .body("type", equalTo(PROBLEMS + "gateway-timeout"));
        given().when().get("/api/v1/notifications/slow").then().statusCode(200).body(equalTo("late"));

        // a success resets order's failure count, so the other tests start from zero whatever their order
        given().when().get("/api/v1/products").then().statusCode(200);
    }

    @Test
    void prometheusShowsEachUpstreamsBreakerAndCalls() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        for (String upstream : List.of(UpstreamStub.IDENTITY, UpstreamStub.ORDER, UpstreamStub.NOTIFICATION)) {
            assertTrue(metrics.contains("gateway_upstream_breaker_state{upstream=\"" + upstream + "\"}"), upstream);
            assertTrue(metrics.contains("gateway_upstream_retries_total{upstream=\"" + upstream + "\"}"), upstream);
            assertTrue(metrics.contains("gateway_upstream_calls_seconds_count{outcome=\"rejected\",upstream=\""
                    + upstream + "\"}"), upstream);
        }
    }

    /** Sends GET {@code path} until {@code condition} holds after a request: time passes, the breaker moves. */
    private static void requestUntil(String path, Callable<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            given().when().get(path);
            return condition.call();
        });
    }

    private long answered(String upstream) {
        return registry.get("gateway.upstream.calls").tag("upstream", upstream).tag("outcome", "answered").timer()
                .count();
    }

    private double breakerState(String upstream) {
        return registry.get("gateway.upstream.breaker.state").tag("upstream", upstream).gauge().value();
    }
}
