package dev.commercesuite.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.commercesuite.clients.notification.NotificationEmails;
import dev.commercesuite.defaults.outbox.OutboxConfig;
import dev.commercesuite.defaults.outbox.OutboxRetention;
import dev.commercesuite.defaults.outbox.OutboxWriter;
import dev.commercesuite.defaults.testing.MovableClock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The outbox's own retention (service-defaults) on identity's outbox: sent payloads are emptied first, sent rows go
 * next, dead ones later.
 */
@QuarkusTest
class OutboxRetentionTest {

    @Inject
    OutboxWriter outbox;

    @Inject
    OutboxConfig config;

    @Inject
    DataSource dataSource;

    @Test
    void sentMessagesGoAfterTheRetentionDeadOnesAfterTheirsAndWaitingOnesStay() throws Exception {
        CapturedEmails.accepting();
        Sql sql = new Sql(dataSource);
        UUID sent = outbox.enqueue(NotificationEmails.NAME,
                "{\"template\":\"welcome\",\"to\":\"ada@example.com\",\"data\":{\"name\":\"Ada\"}}");
        UUID dead = outbox.enqueue("identity.forgot-password", "{\"tenant\":\"x\\u0000\",\"email\":\"a@example.com\"}");
        // as from a newer replica: never claimed here, so it waits
        UUID waiting = outbox.enqueue("billing.invoice", "{\"invoice\":1}");
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> "sent".equals(status(sql, sent)) && "dead".equals(status(sql, dead)));
            MovableClock clock = new MovableClock();
            OutboxRetention retention = new OutboxRetention(config, () -> dataSource, clock);

            retention.purge();
            assertEquals("sent|dead|pending", statuses(sql, sent, dead, waiting));
            assertEquals("ada@example.com", sql.single("SELECT payload::json->>'to' FROM outbox WHERE id = ?", sent));

            // an hour after sending, the payload (which may hold a one-time link) is dropped; the row stays
            clock.advance(config.payloadRetention().plusMinutes(1));
            retention.purge();
            assertEquals("sent|dead|pending", statuses(sql, sent, dead, waiting));
            assertEquals("{}", sql.single("SELECT payload FROM outbox WHERE id = ?", sent));
            assertEquals("{\"invoice\":1}", sql.single("SELECT payload FROM outbox WHERE id = ?", waiting));

            clock.advance(config.retention().plusMinutes(1));
            retention.purge();
            assertEquals("-|dead|pending", statuses(sql, sent, dead, waiting));

            clock.advance(config.deadRetention());
            retention.purge();
            assertEquals("-|-|pending", statuses(sql, sent, dead, waiting));
        } finally {
            sql.execute("DELETE FROM outbox WHERE id = ?", waiting);
        }
    }

    private static String statuses(Sql sql, UUID... ids) throws SQLException {
        StringBuilder found = new StringBuilder();
        for (UUID id : ids) {
            String status = status(sql, id);
            found.append(found.isEmpty() ? "" : "|").append(status == null ? "-" : status);
        }
        return found.toString();
    }

    private static String status(Sql sql, UUID id) throws SQLException {
        return sql.single("SELECT status FROM outbox WHERE id = ?", id);
    }
}
