package dev.commercesuite.notification;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Delivery errors reach Sentry when a DSN is set, and what reaches it carries neither the recipient's address nor
 * the email's content. A local HTTP server stands in for Sentry's ingestion endpoint.
 */
@QuarkusTest
@TestProfile(SentryReportTest.WithSentry.class)
class SentryReportTest {

    static final List<String> ENVELOPES = new CopyOnWriteArrayList<>();
    static final HttpServer SENTRY = start();

    public static class WithSentry implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.sentry.enabled", "true",
                    "quarkus.log.sentry.dsn", "http://publickey@127.0.0.1:" + SENTRY.getAddress().getPort() + "/1",
                    "notification.delivery.max-attempts", "1",
                    "dev.commercesuite.notification.client.SmtpSender/send/CircuitBreaker/requestVolumeThreshold",
                    "1000");
        }
    }

    @AfterEach
    void smtpUp() {
        SmtpServer.up();
    }

    @AfterAll
    static void stopSentry() {
        SENTRY.stop(0);
    }

    @Test
    void deadEmailIsReportedWithoutAddressOrContent() {
        SmtpServer.down();
        String to = "sentry-private-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String id = EmailIntakeTest.post(UUID.randomUUID().toString(), EmailSamples.request("verify-email", to))
                .statusCode(202).extract().path("id");
        Awaitility.await("a Sentry event about " + id).atMost(Duration.ofSeconds(30))
                .until(() -> ENVELOPES.stream().anyMatch(e -> e.contains(id) && e.contains("is dead after")));
        for (String envelope : ENVELOPES) {
            assertFalse(envelope.contains(to), "the address reached Sentry");
            assertFalse(envelope.contains(EmailSamples.TOKEN), "the email's content reached Sentry");
            assertFalse(envelope.contains("Hello Ada"), "the email's content reached Sentry");
        }
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    byte[] raw = body.readAllBytes();
                    boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
                    ENVELOPES.add(new String(gzip ? new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes()
                            : raw, StandardCharsets.UTF_8));
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
