package dev.commercesuite.notification.service;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.commercesuite.notification.config.NotificationConfig;
import dev.commercesuite.notification.repository.EmailRepository;

/** Deletes sent emails older than {@code notification.retention}, in small batches so it never holds long locks. */
@ApplicationScoped
public class EmailRetentionService {

    private static final Logger LOG = Logger.getLogger(EmailRetentionService.class);
    private static final int BATCH = 1000;

    private final EmailRepository emails;
    private final NotificationConfig config;
    private final Clock clock;

    public EmailRetentionService(EmailRepository emails, NotificationConfig config, Clock clock) {
        this.emails = emails;
        this.config = config;
        this.clock = clock;
    }

    /** Deletes what is past retention now; returns how many emails were deleted. */
    public int purge() {
        Instant cutoff = clock.instant().minus(config.retention());
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
