package dev.commercesuite.order.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The stored answers of requests sent with an {@code Idempotency-Key} ({@code idempotency_records}). Here only their
 * clean-up; the order service's Idempotency-Key machinery (another part of this issue) brings the rest.
 */
@ApplicationScoped
public class IdempotencyRecordRepository {

    private final EntityManager entityManager;

    public IdempotencyRecordRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Deletes up to {@code batch} records that expired by {@code now} and answers how many; for the clean-up job, which
     * calls it until it answers less than {@code batch}. One statement; rows a request holds right now are skipped
     * ({@code SKIP LOCKED}) rather than waited for, and the expiry index finds the rest. The batch is a materialised
     * CTE, chosen once: as an {@code IN (SELECT ... LIMIT ... FOR UPDATE SKIP LOCKED)} sub-query the planner may put
     * it on the inner side of a nested loop and run it again for every outer row, and each run's lock step passes
     * over the rows this statement has already deleted and takes the next ones, so one call deleted more than
     * {@code batch} (2500 rows in two calls of 1000, seen in {@code IdempotencyCleanupJobTest} on freshly inserted,
     * not yet analysed rows).
     */
    public int deleteExpired(Instant now, int batch) {
        return entityManager.createNativeQuery("WITH expired AS MATERIALIZED (SELECT tenant_id, caller,"
                + " idempotency_key FROM idempotency_records WHERE expires_at <= ?1 ORDER BY expires_at LIMIT ?2"
                + " FOR UPDATE SKIP LOCKED) DELETE FROM idempotency_records AS r USING expired AS e"
                + " WHERE r.tenant_id = e.tenant_id AND r.caller = e.caller AND r.idempotency_key = e.idempotency_key")
                .setParameter(1, now)
                .setParameter(2, batch)
                .executeUpdate();
    }
}
