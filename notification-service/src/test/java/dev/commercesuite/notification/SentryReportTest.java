package dev.commercesuite.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Delivery errors reach Sentry when a DSN is set, once per email and not once per attempt, and what reaches it
 * carries neither the recipient's address nor the email's content. A local HTTP server stands in for Sentry's ingestion endpoint and writes each envelope it
 * receives to target/sentry-envelopes (files, because Quarkus runs the profile and the test in different class
 * loaders).
 */
@QuarkusTest
@TestProfile(SentryReportTest.WithSentry.class)
class SentryReportTest {

    static final Path ENVELOPES = Path.of("target", "sentry-envelopes");
    private static final ObjectMapper JSON = new ObjectMapper();

    public static class WithSentry implements QuarkusTestProfile {

        private static HttpServer sentry;

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.sentry.enabled", "true",
                    "quarkus.log.sentry.dsn", "http://publickey@127.0.0.1:" + server().getAddress().getPort() + "/1",
                    "notification.delivery.max-attempts", "3",
                    "dev.commercesuite.notification.client.SmtpSender/send/CircuitBreaker/requestVolumeThreshold",
                    "1000");
        }

        private static synchronized HttpServer server() {
            if (sentry == null) {
                try {
                    Files.createDirectories(ENVELOPES);
                    sentry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                    sentry.createContext("/", exchange -> {
                        try (InputStream body = exchange.getRequestBody()) {
                            byte[] raw = body.readAllBytes();
                            boolean gzip = "gzip".equalsIgnoreCase(
                                    exchange.getRequestHeaders().getFirst("Content-Encoding"));
                            byte[] envelope = gzip ? new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes()
                                    : raw;
                            Files.write(ENVELOPES.resolve(UUID.randomUUID() + ".envelope"), envelope);
                        }
                        exchange.sendResponseHeaders(200, -1);
                        exchange.close();
                    });
                    sentry.start();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return sentry;
        }
    }

    @AfterEach
    void smtpUp() {
        SmtpServer.up();
    }

    @Test
    void aStuckEmailSendsOneWarningForItsFirstFailureAndOneErrorForItsDeath() throws IOException {
        SmtpServer.down();
        String to = "sentry-stuck-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String id = EmailIntakeTest.post(UUID.randomUUID().toString(), EmailSamples.request("verify-email", to))
                .statusCode(202).extract().path("id");
        Awaitility.await("the death of " + id).atMost(Duration.ofSeconds(30))
                .until(() -> envelopes().stream().anyMatch(e -> e.contains(id) && e.contains("is dead after 3")));
        // the events whose own message is about this email (breadcrumbs of later events may mention it too)
        List<String> levels = new ArrayList<>();
        for (String envelope : envelopes()) {
            for (String line : envelope.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode item = JSON.readTree(line);
                JsonNode message = item.path("message");
                String text = message.path("formatted").asText(message.path("message").asText());
                if (item.has("event_id") && text.contains(id)) {
                    levels.add(item.path("level").asText());
                }
            }
        }
        assertEquals(List.of("error", "warning"), levels.stream().sorted().toList());
    }

    @Test
    void deadEmailIsReportedWithoutAddressOrContent() throws IOException {
        SmtpServer.down();
        String to = "sentry-private-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String id = EmailIntakeTest.post(UUID.randomUUID().toString(), EmailSamples.request("verify-email", to))
                .statusCode(202).extract().path("id");
        Awaitility.await("a Sentry event about " + id).atMost(Duration.ofSeconds(30))
                .until(() -> envelopes().stream().anyMatch(e -> e.contains(id) && e.contains("is dead after")));
        for (String envelope : envelopes()) {
            assertFalse(envelope.contains(to), "the address reached Sentry");
            if (envelope.contains(id)) {
                assertFalse(envelope.contains(EmailSamples.TOKEN), "the email's content reached Sentry");
                assertFalse(envelope.contains("Hello Ada"), "the email's content reached Sentry");
            }
        }
    }

    private static List<String> envelopes() throws IOException {
        if (!Files.isDirectory(ENVELOPES)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(ENVELOPES)) {
            return files.map(file -> {
                try {
                    return Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            }).toList();
        }
    }
}
