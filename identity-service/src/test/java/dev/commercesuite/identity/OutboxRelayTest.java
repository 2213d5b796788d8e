package dev.commercesuite.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.commercesuite.clients.notification.NotificationClient;
import dev.commercesuite.clients.notification.NotificationEmails;
import dev.commercesuite.defaults.outbox.OutboxWriter;
import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/** The outbox relay against a stub of notification-service's intake. */
@QuarkusTest
class OutboxRelayTest {

    @Inject
    OutboxWriter outbox;

    @Inject
    DataSource dataSource;

    @Inject
    CircuitBreakerMaintenance breakers;

    private Sql sql;
    private WireMock notification;

    @BeforeEach
    void stub() {
        sql = new Sql(dataSource);
        notification = new WireMock("127.0.0.1", NotificationStub.port());
        notification.resetRequests();
        notification.resetMappings();
        notification.register(post(urlEqualTo("/internal/v1/emails"))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"x\",\"status\":\"queued\"}")));
    }

    @Test
    void messagesAreDeliveredWithTheirIdAsIdempotencyKeyAndAServiceToken() {
        String marker = UUID.randomUUID().toString();
        UUID id = outbox.enqueue(NotificationEmails.NAME, payload(marker));

        List<LoggedRequest> requests = awaitRequestsContaining(marker, 1);
        LoggedRequest request = requests.get(0);
        assertEquals(id.toString(), request.getHeader("Idempotency-Key"));
        String token = request.getHeader("Authorization").substring("Bearer ".length());
        Map<String, Object> claims = TestTokens.verifiedClaims(token);
        assertEquals(List.of("service"), claims.get("groups"));
        assertEquals("identity-service", claims.get("sub"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(id)));
    }

    @Test
    void aRolledBackTransactionSendsNothing() {
        String marker = UUID.randomUUID().toString();
        QuarkusTransaction.begin();
        outbox.enqueue(NotificationEmails.NAME, payload(marker));
        QuarkusTransaction.rollback();
        String committed = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(NotificationEmails.NAME, payload(committed)));

        awaitRequestsContaining(committed, 1);
        assertEquals(0, requestsContaining(marker).size());
    }

    @Test
    void receiverDownMeansRetryUntilItIsBackAndNothingIsLost() {
        notification.register(post(urlEqualTo("/internal/v1/emails")).inScenario("outage")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("still down"));
        notification.register(post(urlEqualTo("/internal/v1/emails")).inScenario("outage")
                .whenScenarioStateIs("still down")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        notification.register(post(urlEqualTo("/internal/v1/emails")).inScenario("outage")
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(202)));
        String marker = UUID.randomUUID().toString();
        UUID id = outbox.enqueue(NotificationEmails.NAME, payload(marker));

        List<LoggedRequest> attempts = awaitRequestsContaining(marker, 3);
        assertTrue(attempts.stream().allMatch(r -> id.toString().equals(r.getHeader("Idempotency-Key"))),
                "every attempt carries the same idempotency key");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(id)));
    }

    @Test
    void aRefusedMessageIsDeadNotRetried() {
        notification.register(post(urlEqualTo("/internal/v1/emails"))
                .withHeader("Idempotency-Key", WireMock.matching(".*"))
                .withRequestBody(WireMock.containing("refuse-me"))
                .willReturn(aResponse().withStatus(400)));
        UUID id = outbox.enqueue(NotificationEmails.NAME, payload("refuse-me-" + UUID.randomUUID()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "dead".equals(status(id)));
        notification.verifyThat(1, postRequestedFor(urlEqualTo("/internal/v1/emails"))
                .withHeader("Idempotency-Key", equalTo(id.toString())));
    }

    @Test
    void aRejectedTokenIsRetriedWithinTheSameAttempt() throws Exception {
        String marker = "token-" + UUID.randomUUID();
        notification.register(post(urlEqualTo("/internal/v1/emails")).inScenario(marker)
                .whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(WireMock.containing(marker))
                .willReturn(aResponse().withStatus(401))
                .willSetStateTo("token renewed"));
        UUID id = outbox.enqueue(NotificationEmails.NAME, payload(marker));

        awaitRequestsContaining(marker, 2);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(id)));
        assertEquals("1", sql.single("SELECT attempts::text FROM outbox WHERE id = ?", id));
    }

    @Test
    void refusalsDoNotOpenTheCircuitBreaker() {
        breakers.reset(NotificationClient.BREAKER);
        notification.register(post(urlEqualTo("/internal/v1/emails"))
                .withRequestBody(WireMock.containing("refuse-all"))
                .willReturn(aResponse().withStatus(422)));
        List<UUID> refused = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            refused.add(outbox.enqueue(NotificationEmails.NAME, payload("refuse-all-" + UUID.randomUUID())));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> refused.stream().allMatch(id -> "dead".equals(uncheckedStatus(id))));
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(NotificationClient.BREAKER));
    }

    @Test
    void aDeferredRequestTheDatabaseCannotTakeIsDeadNotRetried() throws Exception {
        // a NUL character reaches PostgreSQL only when the relay hands the request back: a poison message
        String poison = "{\"tenant\":\"shop\\u0000x\",\"email\":\"ada\\u0000@example.com\"}";
        UUID forgot = outbox.enqueue("identity.forgot-password", poison);
        UUID resend = outbox.enqueue("identity.resend-verification", poison);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> "dead".equals(status(forgot)) && "dead".equals(status(resend)));
        assertEquals("1", sql.single("SELECT attempts::text FROM outbox WHERE id = ?", forgot));
        assertEquals("1", sql.single("SELECT attempts::text FROM outbox WHERE id = ?", resend));
    }

    @Test
    void aMessageForADestinationThisRelayDoesNotHaveIsLeftForOneThatHas() throws Exception {
        // as during a rolling upgrade: a newer replica wrote a message this (older) relay cannot deliver
        UUID foreign = outbox.enqueue("billing.invoice", "{\"invoice\":1}");
        UUID known = outbox.enqueue(NotificationEmails.NAME, payload("after-" + UUID.randomUUID()));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(known)));
            assertEquals("pending|0", sql.single("SELECT status || '|' || attempts FROM outbox WHERE id = ?", foreign));
        } finally {
            sql.execute("DELETE FROM outbox WHERE id = ?", foreign);
        }
    }

    private static String payload(String marker) {
        return "{\"template\":\"welcome\",\"to\":\"ada@example.com\",\"data\":{\"name\":\"" + marker + "\"}}";
    }

    private List<LoggedRequest> awaitRequestsContaining(String marker, int count) {
        Awaitility.await(count + " request(s) with " + marker).atMost(Duration.ofSeconds(20))
                .until(() -> requestsContaining(marker).size() >= count);
        return requestsContaining(marker);
    }

    private List<LoggedRequest> requestsContaining(String marker) {
        List<LoggedRequest> found = new ArrayList<>();
        for (LoggedRequest request : notification.find(postRequestedFor(urlEqualTo("/internal/v1/emails")))) {
            if (request.getBodyAsString().contains(marker)) {
                found.add(request);
            }
        }
        return found;
    }

    private String uncheckedStatus(UUID id) {
        try {
            return status(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String status(UUID id) throws SQLException {
        return sql.single("SELECT status FROM outbox WHERE id = ?", id);
    }
}
