package dev.commercesuite.order.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** order-service's own settings. */
@ConfigMapping(prefix = "order")
public interface OrderConfig {

    /** identity-service's base URL, for shop lookups, e.g. {@code http://identity-service:8081}. */
    Optional<String> identityUrl();

    Shops shops();

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
