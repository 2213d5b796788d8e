package dev.commercesuite.order.config;

import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** order-service's own settings. */
@ConfigMapping(prefix = "order")
public interface OrderConfig {

    /** identity-service's base URL, for shop lookups, e.g. {@code http://identity-service:8081}. */
    Optional<String> identityUrl();

    Shops shops();

    StaleOrders staleOrders();

    IdempotencyCleanup idempotencyCleanup();
    Idempotency idempotency();

    Admission admission();

    /** How long identity-service's answers about shops are kept. */
    interface Shops {

        /** An answer younger than this is used without asking identity again. */
        @WithDefault("60S")
        Duration freshFor();

        /** While identity is down, an answer younger than this is still served. */
        @WithDefault("1H")
        Duration staleFor();
    }

    /** The job that cancels orders left unpaid, returning their stock and telling the customer. */
    interface StaleOrders {

        /** When it runs (Quarkus cron, UTC): hourly on the hour by default; {@code off} disables it. */
        @WithDefault("0 0 * * * ?")
        String cron();

        /** An order still pending or awaiting payment this long after it was placed is cancelled. */
        @WithDefault("24H")
        Duration after();

        /** Orders cancelled per transaction; the job repeats until a batch comes back short. */
        @WithDefault("100")
        @Min(1)
        @Max(1000)
        int batchSize();
    }

    /** The job that deletes expired idempotency records. */
    interface IdempotencyCleanup {

        /** When it runs (Quarkus cron, UTC): hourly at half past by default; {@code off} disables it. */
        @WithDefault("0 30 * * * ?")
        String cron();

        /** Records deleted per statement; the job repeats until a batch comes back short. */
        @WithDefault("1000")
        @Min(1)
        @Max(10000)
        int batchSize();
    }

    /** {@code Idempotency-Key} handling of order creation (and later money-moving POSTs). */
    interface Idempotency {

        /** How long a key's first answer is kept and replayed (the clean-up job deletes records after this). */
        @WithDefault("24H")
        Duration ttl();

        /**
         * How long the first request holds its key before a repeat may take it over, taking the worker to have died;
         * well above the longest order transaction.
         */
        @WithDefault("30S")
        Duration lease();
    }

    /**
     * How many order placements of one shop run at once. They take turns on the shop's counters and hot products
     * anyway, so more in flight only holds database connections while waiting; the rest wait in memory.
     */
    interface Admission {

        /** Placements of one shop in flight at once, per replica (shops share 64 stripes). */
        @WithDefault("4")
        int perShop();

        /** How long a placement waits for its turn before it is answered 503 with Retry-After. */
        @WithDefault("20S")
        Duration maxWait();
    }
}
