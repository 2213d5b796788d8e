package dev.commercesuite.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The gateway's own settings. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    RateLimit rateLimit();

    interface RateLimit {

        /**
         * Where rate-limit counters live: {@code redis} (shared by every gateway replica; the production default) or
         * {@code memory} (one process only; for local runs without Redis).
         */
        @WithDefault("redis")
        Store store();

        /** How long the readiness check waits for Redis to answer PING before reporting it DOWN. */
        @WithDefault("1S")
        Duration redisCheckTimeout();
    }

    enum Store {
        REDIS,
        MEMORY
    }
}
