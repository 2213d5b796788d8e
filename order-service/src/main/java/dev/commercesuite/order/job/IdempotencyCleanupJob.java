package dev.commercesuite.order.job;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.commercesuite.order.service.IdempotencyCleanup;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes expired idempotency records ({@link IdempotencyCleanup}), hourly by default
 * ({@code order.idempotency-cleanup.cron}). Deleted records are counted in {@code order.idempotency_records.deleted};
 * runs in {@code order.jobs.runs} (tags {@code job} and {@code outcome}: {@code ran} or {@code skipped}).
 */
@ApplicationScoped
public class IdempotencyCleanupJob {

    static final String NAME = "idempotency-cleanup";
    private static final Logger LOG = Logger.getLogger(IdempotencyCleanupJob.class);

    private final IdempotencyCleanup cleanup;
    private final MeterRegistry meters;

    public IdempotencyCleanupJob(IdempotencyCleanup cleanup, MeterRegistry meters) {
        this.cleanup = cleanup;
        this.meters = meters;
    }

    @Scheduled(identity = "order-idempotency-cleanup", cron = "${order.idempotency-cleanup.cron:0 30 * * * ?}",
            timeZone = "UTC", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** Runs the clean-up now. */
    public IdempotencyCleanup.Run run() {
        IdempotencyCleanup.Run run = cleanup.deleteExpired();
        meters.counter("order.jobs.runs", "job", NAME, "outcome", run.ran() ? "ran" : "skipped").increment();
        if (!run.ran()) {
            LOG.debug("Idempotency clean-up skipped: another replica is running it");
            return run;
        }
        meters.counter("order.idempotency_records.deleted").increment(run.deleted());
        if (run.deleted() > 0) {
            LOG.infof("Idempotency clean-up deleted %d record(s)", run.deleted());
        }
        return run;
    }
}
