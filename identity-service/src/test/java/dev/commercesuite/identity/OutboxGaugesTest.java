package dev.commercesuite.identity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * service-defaults' outbox gauges on identity's own outbox: a message no relay can deliver (its destination is
 * unknown here, so it stays pending) raises the backlog and the oldest age, a dead one the dead count, and both fall
 * back once the rows are gone.
 */
@QuarkusTest
class OutboxGaugesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    MeterRegistry registry;

    @Inject
    DataSource dataSource;

    private Sql sql;
    private final UUID pending = UUID.randomUUID();
    private final UUID dead = UUID.randomUUID();

    @BeforeEach
    void sql() {
        sql = new Sql(dataSource);
    }

    @AfterEach
    void removeTheRows() throws Exception {
        sql.execute("DELETE FROM outbox WHERE id IN (?, ?)", pending, dead);
    }

    @Test
    void theGaugesFollowTheOutboxTable() throws Exception {
        Awaitility.await().atMost(WAIT).until(() -> !Double.isNaN(gauge("outbox.pending")));
        double pendingBefore = sql.count("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')");
        double deadBefore = sql.count("SELECT count(*) FROM outbox WHERE status = 'dead'");
        // ten years old: older than anything another test left behind
        Instant longAgo = Instant.now().minus(3650, ChronoUnit.DAYS);
        insert(pending, "pending", longAgo);
        insert(dead, "dead", Instant.now());

        Awaitility.await().atMost(WAIT).until(() -> gauge("outbox.pending") >= pendingBefore + 1
                && gauge("outbox.dead") >= deadBefore + 1
                && gauge("outbox.oldest.pending.age") >= Duration.ofDays(3640).toSeconds());

        sql.execute("DELETE FROM outbox WHERE id IN (?, ?)", pending, dead);
        Awaitility.await().atMost(WAIT).until(() -> gauge("outbox.oldest.pending.age") < Duration.ofDays(3640)
                .toSeconds());
        assertTrue(gauge("outbox.pending") >= 0 && gauge("outbox.dead") >= 0, "counts, never negative or NaN");
    }

    private void insert(UUID id, String status, Instant createdAt) throws Exception {
        sql.execute("INSERT INTO outbox (id, destination, payload, status, attempts, next_attempt_at, created_at)"
                + " VALUES (?, 'metrics-test', '{}', ?, 0, ?, ?)", id, status, createdAt.atOffset(ZoneOffset.UTC),
                createdAt.atOffset(ZoneOffset.UTC));
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }
}
