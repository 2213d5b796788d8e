package dev.commercesuite.identity.job;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.commercesuite.identity.service.TokenCleanup;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Daily clean-up of spent identity tokens ({@link TokenCleanup}), 03:00 UTC by default ({@code identity.cleanup.cron}).
 * Deleted rows are counted in {@code identity.cleanup.deleted} (tag {@code table}). Relayed outbox messages are the
 * outbox's own retention, not this job's.
 */
@ApplicationScoped
public class TokenCleanupJob {

    private static final Logger LOG = Logger.getLogger(TokenCleanupJob.class);

    private final TokenCleanup cleanup;
    private final MeterRegistry meters;

    public TokenCleanupJob(TokenCleanup cleanup, MeterRegistry meters) {
        this.cleanup = cleanup;
        this.meters = meters;
    }

    @Scheduled(identity = "identity-token-cleanup", cron = "${identity.cleanup.cron:0 0 3 * * ?}",
            timeZone = "UTC", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** Runs the clean-up now; answers the rows deleted per table, or an empty map if another replica holds it. */
    public Map<String, Integer> run() {
        Map<String, Integer> deleted = cleanup.run();
        if (deleted.isEmpty()) {
            LOG.debug("Token clean-up skipped: another replica is running it");
            return deleted;
        }
        deleted.forEach((table, rows) -> meters.counter("identity.cleanup.deleted", "table", table).increment(rows));
        LOG.infof("Token clean-up deleted %s", deleted);
        return deleted;
    }
}
