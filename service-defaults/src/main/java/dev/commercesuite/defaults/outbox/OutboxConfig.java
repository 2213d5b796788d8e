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
}
