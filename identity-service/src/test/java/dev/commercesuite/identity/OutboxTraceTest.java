package dev.commercesuite.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.commercesuite.clients.notification.NotificationEmails;
import dev.commercesuite.defaults.outbox.OutboxWriter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An outbox row keeps the trace context of the transaction that wrote it, and the relay delivers it in that trace:
 * the receiver gets a {@code traceparent} with the same trace id whose parent is the relay's span (a child of the
 * stored one). A row with no stored context (written before traces were kept) is delivered in a trace of its own.
 */
@QuarkusTest
class OutboxTraceTest {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    @Inject
    OutboxWriter outbox;

    @Inject
    DataSource dataSource;

    @Inject
    Tracer tracer;

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
    void theRowKeepsTheWritersTraceAndTheDeliveredCallContinuesIt() throws SQLException {
        String marker = UUID.randomUUID().toString();
        SpanContext caller = SpanContext.createFromRemoteParent(TRACE_ID, "b7ad6b7169203331", TraceFlags.getSampled(),
                TraceState.getDefault());
        Span writing = tracer.spanBuilder("write").setParent(Context.root().with(Span.wrap(caller))).startSpan();
        UUID id;
        try (Scope ignored = writing.makeCurrent()) {
            id = QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(NotificationEmails.NAME, payload(marker)));
        } finally {
            writing.end();
        }

        Matcher stored = parse(sql.single("SELECT trace_parent FROM outbox WHERE id = ?", id));
        assertEquals(TRACE_ID, stored.group(1));
        assertEquals(writing.getSpanContext().getSpanId(), stored.group(2), "the writer's own span is stored");
        Matcher delivered = parse(awaitDelivery(marker).getHeader("traceparent"));
        assertEquals(TRACE_ID, delivered.group(1), "the delivery left the writer's trace");
        assertNotEquals(stored.group(2), delivered.group(2), "the relay's span is the delivery's parent");
    }

    @Test
    void aRowWithoutStoredContextIsDeliveredInATraceOfItsOwn() throws SQLException {
        String marker = UUID.randomUUID().toString();
        UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(NotificationEmails.NAME,
                payload(marker)));
        sql.execute("UPDATE outbox SET trace_parent = NULL WHERE id = ?", id);

        Matcher delivered = parse(awaitDelivery(marker).getHeader("traceparent"));
        assertNotEquals(TRACE_ID, delivered.group(1));
    }

    private LoggedRequest awaitDelivery(String marker) {
        Awaitility.await("a delivery with " + marker).atMost(Duration.ofSeconds(20))
                .until(() -> notification.find(postRequestedFor(urlEqualTo("/internal/v1/emails"))).stream()
                        .anyMatch(request -> request.getBodyAsString().contains(marker)));
        return notification.find(postRequestedFor(urlEqualTo("/internal/v1/emails"))).stream()
                .filter(request -> request.getBodyAsString().contains(marker)).findFirst().orElseThrow();
    }

    private static Matcher parse(String traceparent) {
        assertNotNull(traceparent, "no trace context");
        Matcher matcher = TRACEPARENT.matcher(traceparent);
        assertTrue(matcher.matches(), traceparent);
        return matcher;
    }

    private static String payload(String marker) {
        return "{\"template\":\"welcome\",\"to\":\"ada@example.com\",\"data\":{\"name\":\"" + marker + "\"}}";
    }
}
