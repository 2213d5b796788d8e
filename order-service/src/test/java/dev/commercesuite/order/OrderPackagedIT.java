package dev.commercesuite.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.commercesuite.defaults.testing.LocalPostgres;
import dev.commercesuite.defaults.testing.PackagedService;
import dev.commercesuite.defaults.testing.PackagedServiceTests;
import dev.commercesuite.defaults.testing.SentryCapture;
import dev.commercesuite.defaults.testing.TestKeys;
import dev.commercesuite.defaults.testing.TestTokens;

class OrderPackagedIT extends PackagedServiceTests {

    @Override
    protected Map<String, String> validEnvironment(Path dir) {
        TestKeys.Pair keys = TestKeys.write(dir);
        LocalPostgres.ensureDatabase("orders_test");
        return Map.ofEntries(
                Map.entry("QUARKUS_DATASOURCE_JDBC_URL", LocalPostgres.jdbcUrl("orders_test")),
                Map.entry("QUARKUS_DATASOURCE_USERNAME", LocalPostgres.user()),
                Map.entry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString()),
                Map.entry("ORDER_IDENTITY_URL", "http://127.0.0.1:1"),
                Map.entry("SUITE_OUTBOX_NOTIFICATION_URL", "http://127.0.0.1:1"),
                Map.entry("SUITE_SERVICE_CLIENT_TOKEN_URL", "http://127.0.0.1:1/api/v1/auth/token"),
                Map.entry("SUITE_SERVICE_CLIENT_ID", "order-service"),
                Map.entry("SUITE_SERVICE_CLIENT_SECRET", "b7c1f0e2a9d84c55e3f6a1b2c3d4e5f60718293a4b5c6d7e"),
                Map.entry("STRIPE_SECRET_KEY", "sk_test_packaged_it_not_a_real_key"),
                Map.entry("STRIPE_PUBLISHABLE_KEY", "pk_test_packaged_it"),
                Map.entry("STRIPE_WEBHOOK_SECRET", "whsec_packaged_it_0123456789"));
    }

    /** Live-mode keys: production with test keys warns at start on purpose (StripeConfigRule). */
    @Override
    protected Map<String, String> quietEnvironment(Path dir) {
        Map<String, String> environment = new HashMap<>(super.quietEnvironment(dir));
        environment.put("STRIPE_SECRET_KEY", "sk_live_packaged_it_not_a_real_key");
        environment.put("STRIPE_PUBLISHABLE_KEY", "pk_live_packaged_it");
        return environment;
    }

    @Override
    protected List<String> requiredSettings() {
        return List.of("quarkus.datasource.jdbc.url (QUARKUS_DATASOURCE_JDBC_URL)",
                "order.identity-url (ORDER_IDENTITY_URL)",
                "suite.outbox.notification-url (SUITE_OUTBOX_NOTIFICATION_URL)",
                "suite.service-client.token-url (SUITE_SERVICE_CLIENT_TOKEN_URL)",
                "suite.service-client.id (SUITE_SERVICE_CLIENT_ID)",
                "suite.service-client.secret (SUITE_SERVICE_CLIENT_SECRET)",
                "mp.jwt.verify.publickey.location (MP_JWT_VERIFY_PUBLICKEY_LOCATION)",
                "stripe.secret-key (STRIPE_SECRET_KEY)", "stripe.publishable-key (STRIPE_PUBLISHABLE_KEY)",
                "stripe.webhook-secret (STRIPE_WEBHOOK_SECRET)");
    }

    /**
     * A forged Stripe webhook is refused with a WARN (someone may have to fix the webhook secret): its Sentry event
     * names the release (the commit the jar was built from), the environment and the request's id, and nothing of
     * what the request carried (a token, password, address, the body) is anywhere in what left the process.
     */
    @Test
    void aSentryEventNamesReleaseEnvironmentAndRequestButCarriesNoSecret() throws Exception {
        String requestId = "sentry-it-" + UUID.randomUUID();
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String token = TestTokens.user("sentry-user", "ada.sentry@example.com", UUID.randomUUID().toString(),
                Set.of("admin"));
        String password = "Sentry-Password-" + UUID.randomUUID();
        // a bearer token would be refused before the webhook is looked at: the body carries it instead
        String body = "{\"id\":\"evt_sentry_it\",\"email\":\"ada.sentry@example.com\",\"password\":\"" + password
                + "\",\"token\":\"" + token + "\",\"note\":\"body-text-" + requestId + "\"}";
        try (SentryCapture sentry = SentryCapture.start()) {
            Map<String, String> environment = new HashMap<>(validEnvironment(dir));
            environment.put("SENTRY_DSN", sentry.dsn());
            environment.put("SENTRY_ENVIRONMENT", "staging");
            try (PackagedService service = PackagedService.start(environment)) {
                service.awaitOk("/q/health/ready", Duration.ofSeconds(60));
                HttpRequest forged = HttpRequest.newBuilder(service.uri("/api/v1/webhooks/stripe"))
                        .header("Content-Type", "application/json")
                        .header("X-Request-Id", requestId)
                        .header("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01")
                        .header("Stripe-Signature", "t=1,v1=" + "0".repeat(64))
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
                HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                        .send(forged, HttpResponse.BodyHandlers.ofString());
                assertEquals(400, answer.statusCode(), answer.body());

                JsonNode event = Awaitility.await("the Sentry event of request " + requestId)
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> sentry.events().stream()
                                .filter(each -> requestId.equals(each.path("tags").path("requestId").asText()))
                                .findFirst(), Optional::isPresent)
                        .orElseThrow();
                assertEquals("warning", event.path("level").asText(), event.toString());
                assertEquals("staging", event.path("environment").asText(), event.toString());
                Optional<String> commit = buildCommit();
                assertEquals(commit.orElse(""), event.path("release").asText(), event.toString());
                Optional<String> loggedTraceId = loggedTraceId(service.output(), requestId);
                if (loggedTraceId.isPresent()) {
                    // once the service puts the trace into the MDC (OpenTelemetry), the event carries it as a tag
                    assertEquals(traceId, loggedTraceId.get());
                    assertEquals(traceId, event.path("tags").path("traceId").asText(), event.toString());
                }
                for (String envelope : sentry.envelopes()) {
                    for (String secret : List.of(token, token.split("\\.")[1], password, "ada.sentry@example.com",
                            "body-text-", "sk_test_packaged_it", "whsec_packaged_it")) {
                        assertFalse(envelope.contains(secret), secret + " reached Sentry:\n" + envelope);
                    }
                }
            }
        }
    }

    /** The commit this checkout is at, which the build wrote into the jar; none outside a checkout. */
    private static Optional<String> buildCommit() throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return git.waitFor() == 0 ? Optional.of(out) : Optional.empty();
    }

    /** The traceId of the JSON log line the request's refusal wrote, if the MDC had one. */
    private static Optional<String> loggedTraceId(String output, String requestId) throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String line : output.split("\n")) {
            if (line.startsWith("{") && line.contains(requestId) && line.contains("Stripe webhook refused")) {
                JsonNode mdc = json.readTree(line).path("mdc");
                return mdc.hasNonNull("traceId") ? Optional.of(mdc.get("traceId").asText()) : Optional.empty();
            }
        }
        throw new AssertionError("no log line of the refusal of " + requestId + ":\n" + output);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
