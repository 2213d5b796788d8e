package dev.commercesuite.defaults.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The transactional outbox: messages written with a business change, relayed to other services afterwards. */
@ConfigMapping(prefix = "suite.outbox")
public interface OutboxConfig {

    /** Whether this service relays its outbox (it needs the outbox table of its own migrations). */
    @WithDefault("false")
    boolean enabled();

    /** How often the relay looks for due messages. */
    @WithDefault("1S")
    Duration pollInterval();

    /** Messages claimed per round. */
    @WithDefault("50")
    int batchSize();

    /** How long a claim lasts; a relay that dies mid-batch has its messages picked up after this. */
    @WithDefault("2M")
    Duration lease();

    /** Wait before the second attempt; doubles per attempt, with jitter, up to {@link #maxBackoff()}. */
    @WithDefault("5S")
    Duration baseBackoff();

    @WithDefault("1H")
    Duration maxBackoff();

    /** Failed attempts after which a message is dead; 0 (the default) retries until the receiver takes it. */
    @WithDefault("0")
    int maxAttempts();

    /**
     * How long a sent message keeps its payload: it may hold one-time links or order access tokens, so the retention
     * job replaces it with {@code {}} this long after sending (the row itself stays for {@link #retention()}).
     */
    @WithDefault("1H")
    Duration payloadRetention();

    /** How long sent messages are kept (their payloads hold addresses) before the retention job deletes them. */
    @WithDefault("7D")
    Duration retention();

    /** How long dead messages are kept, counted from when they were written, for an operator to look into them. */
    @WithDefault("30D")
    Duration deadRetention();

    /** When the retention job runs (Quartz cron syntax, in UTC). */
    @WithDefault("0 37 * * * ?")
    String retentionCron();
}
