package dev.commercesuite.notification.job;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.commercesuite.notification.config.NotificationConfig;
import dev.commercesuite.notification.repository.EmailRepository;
import io.quarkus.scheduler.Scheduled;

/** Deletes sent emails older than {@code notification.retention}, in small batches so it never holds long locks. */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    private static final int BATCH = 1000;

    private final EmailRepository emails;
    private final NotificationConfig config;

    public RetentionJob(EmailRepository emails, NotificationConfig config) {
        this.emails = emails;
        this.config = config;
    }

    @Scheduled(identity = "email-retention", cron = "${notification.retention-cron:0 17 3 * * ?}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() {
        purge();
    }

    /** Deletes what is past retention now; returns how many emails were deleted. */
    public int purge() {
        Instant cutoff = Instant.now().minus(config.retention());
        int total = 0;
        int deleted;
        do {
            deleted = emails.purgeSent(cutoff, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            LOG.infof("Deleted %d emails sent before %s", total, cutoff);
        }
        return total;
    }
}
