package dev.commercesuite.notification.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** notification-service's own settings. */
@ConfigMapping(prefix = "notification")
public interface NotificationConfig {

    Delivery delivery();

    /** How long sent emails are kept before the retention job deletes them. */
    @WithDefault("30D")
    Duration retention();

    /** When the retention job runs (Quartz cron syntax, in UTC). */
    @WithDefault("0 17 3 * * ?")
    String retentionCron();

    interface Delivery {

        /** Whether this replica runs the delivery worker (intake and admin work either way). */
        @WithDefault("true")
        boolean enabled();

        /** How often the worker looks for due emails (a round drains everything due before it ends). */
        @WithDefault("1S")
        Duration pollInterval();

        /** How many due emails one worker claims per round; they are sent concurrently. */
        @WithDefault("50")
        int batchSize();

        /** How long a claim lasts: a worker that dies mid-batch has its emails picked up again after this. */
        @WithDefault("5M")
        Duration lease();

        /** Failed attempts after which an email is dead (kept, not retried until an admin asks). */
        @WithDefault("10")
        int maxAttempts();

        /** Wait before the second attempt; it doubles per attempt, with jitter, up to {@link #maxBackoff()}. */
        @WithDefault("30S")
        Duration baseBackoff();

        @WithDefault("1H")
        Duration maxBackoff();

        /** Wait before retrying while the SMTP circuit is open (the attempt is not counted). */
        @WithDefault("15S")
        Duration circuitOpenDelay();
    }
}
