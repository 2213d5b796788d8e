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
}
