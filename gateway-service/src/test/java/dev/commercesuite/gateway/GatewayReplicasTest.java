package dev.commercesuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A service run as replicas ({@code ./suite up --replicas 2}): the gateway's upstream for it is a list of base URLs.
 * identity has three addresses, two live stubs with a refusing port between them; every address of notification
 * refuses. Calls take the addresses in turn, a refused connection moves on to the next address whatever the method
 * (nothing reached the service), the service's one breaker hears only how each call ended, and {@code /health} counts a
 * service UP while any of its addresses is ready.
 */
@QuarkusTest
@TestProfile(GatewayReplicasTest.Replicas.class)
class GatewayReplicasTest {

    private static final String FIRST = "commercesuite.test.replica-1.port";
    private static final String SECOND = "commercesuite.test.replica-2.port";

    public static class Replicas implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TwoReplicas.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true; // the upstreams here are this test's own
        }
    }

    /** Two identity replicas (WireMock) and ports nothing listens on. */
    public static class TwoReplicas implements QuarkusTestResourceLifecycleManager {

        private final List<WireMockServer> servers = List.of(replica(), replica());

        @Override
        public Map<String, String> start() {
            servers.forEach(WireMockServer::start);
            System.setProperty(FIRST, Integer.toString(servers.get(0).port()));
            System.setProperty(SECOND, Integer.toString(servers.get(1).port()));
            String refused = "http://127.0.0.1:" + freePort();
            return Map.of(
                    "gateway.upstreams.identity", "http://127.0.0.1:" + servers.get(0).port() + "," + refused
                            + ",http://127.0.0.1:" + servers.get(1).port(),
                    "gateway.upstreams.notification", refused + ",http://127.0.0.1:" + freePort(),
                    "gateway.upstreams.timeout", "2S");
        }

        @Override
        public void stop() {
            servers.forEach(WireMockServer::stop);
        }

        private static WireMockServer replica() {
            return new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        }
    }

    @Inject
    MeterRegistry registry;

    private WireMock first;
    private WireMock second;

    @BeforeEach
    void reset() {
        first = replica(FIRST);
        second = replica(SECOND);
        for (WireMock replica : List.of(first, second)) {
            replica.resetMappings();
            replica.resetRequests();
            replica.register(get(urlEqualTo("/q/health/ready")).willReturn(aResponse().withStatus(200)));
        }
    }

    @Test
    void callsTakeTheAddressesInTurnAndAWritePassesOverAReplicaThatRefusesConnections() {
        for (String replica : List.of(FIRST, SECOND)) {
            // a service names its own address in Location; the gateway makes it a path whichever replica answered
            replica(replica).register(post(urlEqualTo("/api/v1/auth/forgot-password")).willReturn(aResponse()
                    .withStatus(202).withHeader("Location", "http://127.0.0.1:" + System.getProperty(replica)
                            + "/api/v1/auth/requests/1")));
        }
        double retries = retries("identity");
        long failures = calls("connect_failure");

        // two rounds over the three addresses: the refusing one's turns go on to the next, the second replica
        for (int i = 0; i < 6; i++) {
            given().contentType("application/json").body("{\"tenant\":\"acme\",\"email\":\"ada@example.com\"}")
                    .when().post("/api/v1/auth/forgot-password")
                    .then().statusCode(202).header("Location", "/api/v1/auth/requests/1");
        }

        assertEquals(2, first.find(anyRequestedFor(urlEqualTo("/api/v1/auth/forgot-password"))).size());
        assertEquals(4, second.find(anyRequestedFor(urlEqualTo("/api/v1/auth/forgot-password"))).size());
        assertEquals(2.0, retries("identity") - retries, "one move to the next address per refused turn");
        assertEquals(failures, calls("connect_failure"), "no call failed: the breaker heard six answers");
        given().when().get("/health").then().statusCode(503)
                .body("services.identity", equalTo("UP"))
                .body("services.notification", equalTo("DOWN"));
    }

    @Test
    void whenEveryAddressRefusesAWriteTriesEachOnceAndAReadOneMoreTime() {
        double retries = retries("notification");

        given().contentType("application/json").body("{}").when().post("/api/v1/notifications/1/retry")
                .then().statusCode(502).body("type", equalTo("https://commercesuite.dev/problems/bad-gateway"));
        assertEquals(1.0, retries("notification") - retries, "the write went to the second address, not again");

        given().when().get("/api/v1/notifications").then().statusCode(502);
        assertEquals(3.0, retries("notification") - retries, "the read: the second address, then once more");
    }

    private static WireMock replica(String property) {
        return new WireMock("127.0.0.1", Integer.parseInt(System.getProperty(property)));
    }

    private double retries(String upstream) {
        return registry.get("gateway.upstream.retries").tag("upstream", upstream).counter().count();
    }

    private long calls(String outcome) {
        return registry.get("gateway.upstream.calls").tag("upstream", "identity").tag("outcome", outcome).timer()
                .count();
    }


    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
