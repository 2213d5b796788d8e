package dev.commercesuite.defaults.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Empties relayed messages' payloads after {@code suite.outbox.payload-retention} (they may hold secrets), deletes
 * relayed messages after {@code suite.outbox.retention} and dead ones after {@code suite.outbox.dead-retention}, in
 * small batches so it never holds long locks; runs hourly where the relay runs. Replicas may run it at the same
 * time: each statement is idempotent.
 */
@ApplicationScoped
public class OutboxRetention {

    private static final Logger LOG = Logger.getLogger(OutboxRetention.class);
    private static final int BATCH = 1000;

    private final OutboxConfig config;
    private final OutboxQueue outbox;
    private final Clock clock;

    @Inject
    public OutboxRetention(OutboxConfig config, Instance<DataSource> dataSource, Clock clock) {
        this(config, (Supplier<DataSource>) dataSource::get, clock);
    }

    /** With the database and clock given, e.g. a test's clock moved past the retention. */
    public OutboxRetention(OutboxConfig config, Supplier<DataSource> dataSource, Clock clock) {
        this.config = config;
        this.outbox = new OutboxQueue(dataSource, Set.of());
        this.clock = clock;
    }

    @Scheduled(identity = "outbox-retention", cron = "${suite.outbox.retention-cron:0 37 * * * ?}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = OutboxRelay.Disabled.class)
    void scheduledPurge() {
        purge();
    }

    /** Empties old payloads and deletes what is past retention now; returns how many messages were deleted. */
    public int purge() {
        Instant now = clock.instant();
        Instant payloadCutoff = now.minus(config.payloadRetention());
        int redacted;
        do {
            redacted = outbox.redactSent(payloadCutoff, BATCH);
        } while (redacted == BATCH);
        Instant sentCutoff = now.minus(config.retention());
        Instant deadCutoff = now.minus(config.deadRetention());
        int total = 0;
        int deleted;
        do {
            deleted = outbox.purgeSent(sentCutoff, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        do {
            deleted = outbox.purgeDead(deadCutoff, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            LOG.infof("Deleted %d outbox messages sent before %s or dead since before %s", total, sentCutoff,
                    deadCutoff);
        }
        return total;
    }
}
