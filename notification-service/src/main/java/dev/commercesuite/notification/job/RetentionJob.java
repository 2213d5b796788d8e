package dev.commercesuite.notification.job;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.notification.service.EmailRetentionService;
import io.quarkus.scheduler.Scheduled;

/** Runs the email retention ({@link EmailRetentionService}) on {@code notification.retention-cron}, in UTC. */
@ApplicationScoped
public class RetentionJob {

    private final EmailRetentionService retention;

    public RetentionJob(EmailRetentionService retention) {
        this.retention = retention;
    }

    @Scheduled(identity = "email-retention", cron = "${notification.retention-cron:0 17 3 * * ?}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() {
        purge();
    }

    /** Deletes what is past retention now; returns how many emails were deleted. */
    public int purge() {
        return retention.purge();
    }
}
