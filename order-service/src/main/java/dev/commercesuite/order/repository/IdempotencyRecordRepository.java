package dev.commercesuite.order.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.commercesuite.order.domain.IdempotencyKey;
import dev.commercesuite.order.domain.IdempotencyRecord;
import dev.commercesuite.order.domain.IdempotencyScope;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/**
 * Idempotency records, one per (shop, caller, key). The claim of a new key and the clean-up are single statements;
 * everything else goes through the entity, whose rules decide what a repeat gets.
 */
@ApplicationScoped
public class IdempotencyRecordRepository implements PanacheRepositoryBase<IdempotencyRecord, IdempotencyRecord.Id> {

    /**
     * Claims a key nobody has used: inserts its record {@code running} until {@code lockedUntil}, and answers whether
     * this call inserted it. One statement with {@code ON CONFLICT DO NOTHING}: of concurrent first requests with one
     * key exactly one inserts (the others wait for its transaction and then find the row); a check-then-insert would
     * let two of them both think the key was new.
     */
    public boolean claim(IdempotencyScope scope, IdempotencyKey key, String operation, byte[] fingerprint,
            Instant now, Instant lockedUntil, Instant expiresAt) {
        return getEntityManager().createNativeQuery("INSERT INTO idempotency_records (tenant_id, caller,"
                + " idempotency_key, operation, fingerprint, state, created_at, locked_until, expires_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, 'running', ?6, ?7, ?8)"
                + " ON CONFLICT (tenant_id, caller, idempotency_key) DO NOTHING")
                .setParameter(1, scope.tenantId())
                .setParameter(2, scope.caller())
                .setParameter(3, key.storedForm())
                .setParameter(4, operation)
                .setParameter(5, fingerprint)
                .setParameter(6, now)
                .setParameter(7, lockedUntil)
                .setParameter(8, expiresAt)
                .executeUpdate() == 1;
    }

    /**
     * The record, locked for this transaction, unless another transaction holds it: the request that claimed it is
     * working on it right now. One statement ({@code FOR UPDATE SKIP LOCKED}): a repeat must learn that at once
     * instead of queueing behind the work it repeats.
     */
    public Optional<IdempotencyRecord> lockUnlessBusy(IdempotencyScope scope, IdempotencyKey key) {
        @SuppressWarnings("unchecked")
        List<IdempotencyRecord> found = getEntityManager().createNativeQuery("SELECT * FROM idempotency_records"
                + " WHERE tenant_id = ?1 AND caller = ?2 AND idempotency_key = ?3 FOR UPDATE SKIP LOCKED",
                IdempotencyRecord.class)
                .setParameter(1, scope.tenantId())
                .setParameter(2, scope.caller())
                .setParameter(3, key.storedForm())
                .getResultList();
        return found.stream().findFirst();
    }

    /** The record, locked for this transaction (waiting for another transaction that holds it). */
    public Optional<IdempotencyRecord> lock(IdempotencyScope scope, IdempotencyKey key) {
        return findByIdOptional(new IdempotencyRecord.Id(scope, key), LockModeType.PESSIMISTIC_WRITE);
    }

    /** The record as committed, without locking it. */
    public Optional<IdempotencyRecord> peek(IdempotencyScope scope, IdempotencyKey key) {
        return findByIdOptional(new IdempotencyRecord.Id(scope, key));
    }

    /**
     * Deletes the record of a claim that ended without an answer to keep, so a retry runs afresh; only while the
     * claim ending at {@code claimedUntil} still holds it (a record someone took over is theirs).
     */
    public boolean release(IdempotencyScope scope, IdempotencyKey key, Instant claimedUntil) {
        return delete("id.tenantId = ?1 and id.caller = ?2 and id.key = ?3 and state = ?4 and lockedUntil = ?5",
                scope.tenantId(), scope.caller(), key.storedForm(), IdempotencyRecord.State.RUNNING,
                claimedUntil) == 1;
    }

    /**
     * Deletes up to {@code batch} records that expired by {@code now} and answers how many; for the clean-up job, which
     * calls it until it answers less than {@code batch}. One statement; rows a request holds right now are skipped
     * ({@code SKIP LOCKED}) rather than waited for, and the expiry index finds the rest. The batch is a materialised
     * CTE, chosen once: as an {@code IN (SELECT ... LIMIT ... FOR UPDATE SKIP LOCKED)} sub-query the planner may put
     * it on the inner side of a nested loop and run it again for every outer row, each run locking the next rows, so
     * one call deleted more than {@code batch} (seen in {@code IdempotencyCleanupJobTest} on fresh, unanalysed rows).
     */
    public int deleteExpired(Instant now, int batch) {
        return getEntityManager().createNativeQuery("WITH expired AS MATERIALIZED (SELECT tenant_id, caller,"
                + " idempotency_key FROM idempotency_records WHERE expires_at <= ?1 ORDER BY expires_at LIMIT ?2"
                + " FOR UPDATE SKIP LOCKED) DELETE FROM idempotency_records AS r USING expired AS e"
                + " WHERE r.tenant_id = e.tenant_id AND r.caller = e.caller AND r.idempotency_key = e.idempotency_key")
                .setParameter(1, now)
                .setParameter(2, batch)
                .executeUpdate();
    }
}
