package dev.commercesuite.order.service;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.defaults.locks.AdvisoryLocks;
import dev.commercesuite.order.config.OrderConfig;
import dev.commercesuite.order.repository.IdempotencyRecordRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Deletes idempotency records whose replay window has passed, in batches, each its own transaction under a
 * transaction-scoped advisory lock so that with several replicas one of them does the work at a time.
 */
@ApplicationScoped
public class IdempotencyCleanup {

    /** The advisory lock key of this job (any constant no other job of this database uses). */
    static final long ADVISORY_LOCK = 0x1DE3_C1EAL;

    private final AdvisoryLocks locks;
    private final IdempotencyRecordRepository records;
    private final Clock clock;
    private final int batchSize;

    public IdempotencyCleanup(AdvisoryLocks locks, IdempotencyRecordRepository records, Clock clock,
            OrderConfig config) {
        this.locks = locks;
        this.records = records;
        this.clock = clock;
        this.batchSize = config.idempotencyCleanup().batchSize();
    }

    /** What a run did: whether it ran at all (another replica may have held the lock) and how many it deleted. */
    public record Run(boolean ran, int deleted, int batches) {
    }

    /** Deletes every record expired by now, batch after batch. */
    public Run deleteExpired() {
        Instant now = clock.instant();
        int deleted = 0;
        int batches = 0;
        while (true) {
            Integer done = QuarkusTransaction.requiringNew().call(
                    () -> locks.tryForTransaction(ADVISORY_LOCK) ? records.deleteExpired(now, batchSize) : null);
            if (done == null) {
                return new Run(batches > 0, deleted, batches);
            }
            batches++;
            deleted += done;
            if (done < batchSize) {
                return new Run(true, deleted, batches);
            }
        }
    }
}
