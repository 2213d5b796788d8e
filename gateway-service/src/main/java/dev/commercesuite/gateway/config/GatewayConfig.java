package dev.commercesuite.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The gateway's own settings. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    RateLimit rateLimit();

    /**
     * Proxies (CIDR ranges or addresses) whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} the gateway
     * believes: a load balancer or ingress in front of it. Empty (the default): the TCP peer is the client.
     */
    Optional<List<String>> trustedProxies();

    Upstreams upstreams();

    /**
     * Where the public API's paths go (base URLs, no path). The defaults are the services' names and ports as
     * docker-compose and Kubernetes Services name them.
     */
    interface Upstreams {

        @WithDefault("http://identity-service:8081")
        URI identity();

        @WithDefault("http://order-service:8082")
        URI order();

        @WithDefault("http://notification-service:8083")
        URI notification();

        /** How long an upstream may take to start answering before the gateway answers 504. */
        @WithDefault("30S")
        Duration timeout();
    }

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
