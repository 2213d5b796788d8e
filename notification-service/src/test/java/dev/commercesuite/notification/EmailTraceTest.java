package dev.commercesuite.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.queue.LeasedQueueWorker;
import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A queued email keeps the trace context of the request that queued it, and the delivery worker sends it in that
 * trace: what it logs about the attempt carries the request's {@code traceId}, under a span of its own.
 */
@QuarkusTest
class EmailTraceTest {

    private static final String TRACE_ID = "5b8aa5a2d2c872e8321cf37308d69df2";
    private static final String CALLER_SPAN = "051581bf3cb55c13";

    @Inject
    DataSource dataSource;

    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                ext.copyMdc(); // the logging context of the worker's thread, as the JSON formatter reads it
                records.add(ext);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        Logger.getLogger(LeasedQueueWorker.class.getName()).addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger(LeasedQueueWorker.class.getName()).removeHandler(capture);
        SmtpServer.up();
    }

    @Test
    void theEmailRowKeepsTheRequestsTraceAndTheWorkerLogsItsAttemptInIt() throws SQLException {
        SmtpServer.down();
        String to = EmailIntakeTest.unique("traced");
        String id = given().auth().oauth2(TestTokens.service("order-service")).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
                .body(EmailSamples.request("password-changed", to)).when().post("/internal/v1/emails")
                .then().statusCode(202).extract().path("id");

        String stored = traceParent(id);
        assertNotNull(stored, "the email row has no trace context");
        assertEquals(TRACE_ID, stored.split("-")[1]);

        Awaitility.await("the failed attempt to be logged").atMost(Duration.ofSeconds(30))
                .until(() -> records.stream().anyMatch(record -> record.getFormattedMessage().contains(id)));
        ExtLogRecord attempt = records.stream().filter(record -> record.getFormattedMessage().contains(id))
                .findFirst().orElseThrow();
        assertEquals(TRACE_ID, attempt.getMdc("traceId"), "the worker did not log in the request's trace");
        assertNotNull(attempt.getMdc("spanId"));
        assertNotEquals(CALLER_SPAN, attempt.getMdc("spanId"), "the send has a span of its own");
    }

    private String traceParent(String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT trace_parent FROM emails WHERE id = ?")) {
            query.setObject(1, UUID.fromString(id));
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
