package dev.commercesuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * The gateway with services that are down or misbehave at the socket level: identity is a {@link RawUpstream} the
 * test watches, order and notification refuse connections. The gateway stays ready, {@code /health} says which
 * services are down, a GET is tried twice on a refused connection and a POST once, and a client that goes away
 * cancels its upstream call at once (not after the 20 s timeout) without a log record at INFO or above.
 */
@QuarkusTest
@TestProfile(GatewayUpstreamsDownTest.UpstreamsDown.class)
class GatewayUpstreamsDownTest {

    private static final String RAW_PORT = "commercesuite.test.raw-upstream.port";
    private static final String REFUSING_PORT = "commercesuite.test.refusing-upstream.port";

    public static class UpstreamsDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gateway.upstreams.identity", "http://127.0.0.1:" + freePort(RAW_PORT),
                    "gateway.upstreams.order", "http://127.0.0.1:" + freePort(REFUSING_PORT),
                    "gateway.upstreams.notification", "http://127.0.0.1:" + freePort(REFUSING_PORT),
                    "gateway.upstreams.timeout", "20S");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true; // no WireMock stubs: these upstreams are the test's own
        }
    }

    private static RawUpstream identity;

    private final LogRecords logged = new LogRecords();

    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void startIdentity() throws IOException {
        identity = new RawUpstream(freePort(RAW_PORT));
    }

    @AfterAll
    static void stopIdentity() throws IOException {
        identity.close();
    }

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(logged);
    }

    @AfterEach
    void releaseLogs() {
        Logger.getLogger("").removeHandler(logged);
    }

    @Test
    void theGatewayStaysReadyWhileHealthReportsEachServiceDown() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        given().when().get("/health").then().statusCode(503).contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("status", equalTo("DOWN"))
                .body("services", equalTo(Map.of("identity", "UP", "order", "DOWN", "notification", "DOWN")));
    }

    @Test
    void aGetIsTriedOnceMoreOnARefusedConnectionAndAPostIsNot() {
        double orderRetries = retries("order");
        double notificationRetries = retries("notification");

        given().when().get("/api/v1/products").then().statusCode(502)
                .body("type", equalTo("https://commercesuite.dev/problems/bad-gateway"));
        given().contentType("application/json").body("{}").when().post("/api/v1/notifications")
                .then().statusCode(502);

        assertEquals(1.0, retries("order") - orderRetries);
        assertEquals(0.0, retries("notification") - notificationRetries);
        assertTrue(registry.get("gateway.upstream.calls").tag("upstream", "order").tag("outcome", "connect_failure")
                .timer().count() >= 1);
        // an upstream failing is worth a warning (and shows the log capture the disconnect tests rely on works)
        assertTrue(logged.atInfoOrAbove().stream().anyMatch(r -> r.startsWith("WARN") && r.contains("ProxiedExchange")),
                logged.atInfoOrAbove().toString());
    }

    @Test
    void aClientThatLeavesWhileTheServiceThinksCancelsTheCallQuietly() throws IOException {
        int held = identity.held.get();
        int closed = identity.heldClosed.get();
        long cancelled = cancelled();

        try (Socket client = new Socket("127.0.0.1", RestAssured.port)) {
            send(client, RawUpstream.SLOW);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> identity.held.get() > held);
        }

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> identity.heldClosed.get() > closed);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> cancelled() > cancelled);
        assertEquals(List.of(), logged.atInfoOrAbove());
    }

    @Test
    void aClientThatLeavesMidUploadCancelsTheCallWithoutCountingItAgainstTheService() throws IOException {
        int held = identity.held.get();
        int closed = identity.heldClosed.get();
        long cancelled = cancelled();
        long resets = outcomes("reset");

        try (Socket client = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = client.getOutputStream();
            out.write(("POST " + RawUpstream.SLOW + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 10000\r\n\r\n{\"note\":\"").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> identity.held.get() > held);
        }

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> identity.heldClosed.get() > closed);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> cancelled() > cancelled);
        assertEquals(resets, outcomes("reset"), "the client leaving is not the service failing");
        assertEquals(List.of(), logged.atInfoOrAbove());
    }

    @Test
    void aClientThatLeavesMidDownloadStopsTheStreamQuietly() throws IOException {
        int broken = identity.streamsBroken.get();

        try (Socket client = new Socket("127.0.0.1", RestAssured.port)) {
            send(client, RawUpstream.BIG);
            InputStream in = client.getInputStream();
            byte[] buffer = new byte[8192];
            long read = 0;
            while (read < 512 * 1024) {
                int n = in.read(buffer);
                assertTrue(n > 0, "the answer streams");
                read += n;
            }
        }

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> identity.streamsBroken.get() > broken);
        assertEquals(List.of(), logged.atInfoOrAbove());
    }

    private static void send(Socket client, String path) throws IOException {
        client.setSoTimeout(10_000);
        OutputStream out = client.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private double retries(String upstream) {
        return registry.get("gateway.upstream.retries").tag("upstream", upstream).counter().count();
    }

    private long cancelled() {
        return outcomes("cancelled");
    }

    private long outcomes(String outcome) {
        return registry.get("gateway.upstream.calls").tag("upstream", "identity").tag("outcome", outcome).timer()
                .count();
    }

    /**
     * A free port, the same in every class loader of the test run (the profile and the test see different statics):
     * kept in a system property. Nothing listens on it until a test binds it.
     */
    static int freePort(String property) {
        String port = System.getProperty(property);
        if (port == null) {
            try (ServerSocket probe = new ServerSocket(0)) {
                port = Integer.toString(probe.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(property, port);
        }
        return Integer.parseInt(port);
    }

    /** Log records of the gateway, Vert.x, Netty and Quarkus' HTTP layer while a test runs. */
    private static final class LogRecords extends Handler {

        private static final List<String> WATCHED = List.of("dev.commercesuite", "io.vertx", "io.netty",
                "io.quarkus.vertx");

        private final List<String> records = new CopyOnWriteArrayList<>();
        @Override
        public void publish(LogRecord record) {
            String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
            if (record.getLevel().intValue() >= Level.INFO.intValue()
                    && WATCHED.stream().anyMatch(logger::startsWith)) {
                records.add(record.getLevel() + " " + logger + ": " + record.getMessage());
            }
        }

        List<String> atInfoOrAbove() {
            return List.copyOf(records);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
