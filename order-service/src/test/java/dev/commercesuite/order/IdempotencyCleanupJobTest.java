package dev.commercesuite.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.MovableClock;
import dev.commercesuite.order.job.IdempotencyCleanupJob;
import dev.commercesuite.order.service.IdempotencyCleanup;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/** The idempotency clean-up deletes the records whose replay window has passed, in batches, and counts them. */
@QuarkusTest
class IdempotencyCleanupJobTest {

    @Inject
    IdempotencyCleanupJob job;

    @Inject
    MovableClock clock;

    @Inject
    MeterRegistry meters;

    @Inject
    DataSource dataSource;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void expiredRecordsAreDeletedAndLiveOnesKept() {
        Sql sql = new Sql(dataSource);
        UUID shop = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        sql.execute("INSERT INTO idempotency_records (tenant_id, caller, idempotency_key, operation, fingerprint,"
                + " state, response_status, response_body, created_at, locked_until, expires_at) SELECT ?, 'guest',"
                + " 'expired-' || n, 'create-order', '\\x00'::bytea, 'done', 201, '{}', ?, ?, ?"
                + " FROM generate_series(1, 2500) AS n", shop, now.minusDays(1), now.minusDays(1), now.minusHours(1));
        insert(sql, shop, "live", now.plusHours(23));
        insert(sql, shop, "later", now.plusHours(30));
        double before = meters.counter("order.idempotency_records.deleted").count();

        IdempotencyCleanup.Run run = job.run();

        assertTrue(run.ran());
        assertTrue(run.deleted() >= 2500, run.toString());
        assertTrue(run.batches() >= 3, "batches of 1000: " + run);
        assertEquals(run.deleted(), (int) (meters.counter("order.idempotency_records.deleted").count() - before));
        assertEquals(2, sql.count("SELECT count(*) FROM idempotency_records WHERE tenant_id = ?", shop));

        clock.advance(Duration.ofHours(24)); // 'live' has expired by then, 'later' not yet
        job.run();
        assertEquals("later", sql.single("SELECT idempotency_key FROM idempotency_records WHERE tenant_id = ?", shop));
    }

    private static void insert(Sql sql, UUID shop, String key, OffsetDateTime expiresAt) {
        sql.execute("INSERT INTO idempotency_records (tenant_id, caller, idempotency_key, operation, fingerprint,"
                + " state, response_status, response_body, created_at, locked_until, expires_at) VALUES"
                + " (?, 'guest', ?, 'create-order', '\\x00'::bytea, 'done', 201, '{}', ?, ?, ?)", shop, key,
                expiresAt.minusDays(1), expiresAt.minusDays(1), expiresAt);
    }
}
