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
     * Where the public API's paths go: per service one base URL (no path), or a comma-separated list of them, one per
     * replica, which calls take in turn. The defaults are the services' names and ports as docker-compose and
     * Kubernetes Services name them (in Kubernetes one Service URL stays enough: the Service spreads the calls).
     */
    interface Upstreams {

        @WithDefault("http://identity-service:8081")
        List<URI> identity();

        @WithDefault("http://order-service:8082")
        List<URI> order();

        @WithDefault("http://notification-service:8083")
        List<URI> notification();

        /**
         * How long an upstream may stay silent (before its answer starts, or in the middle of it) before the gateway
         * gives up: a 504 when nothing came back yet. The default for every service without a timeout of its own.
         */
        @WithDefault("30S")
        Duration timeout();

        /** identity-service's own timeout; absent: {@link #timeout()}. */
        Optional<Duration> identityTimeout();

        /** order-service's own timeout; absent: {@link #timeout()}. */
        Optional<Duration> orderTimeout();

        /** notification-service's own timeout; absent: {@link #timeout()}. */
        Optional<Duration> notificationTimeout();

        /**
         * How long opening a connection to an upstream address may take before the attempt counts as a connect
         * failure (and the call moves on to the service's next address, if it has one).
         */
        @WithDefault("2S")
        Duration connectTimeout();

        /** Connections the gateway keeps open to each upstream address (HTTP/1.1 keep-alive); more requests queue. */
        @WithDefault("128")
        int maxConnections();

        /** Each upstream's circuit breaker. */
        Breaker breaker();

        /** The aggregated {@code GET /health}. */
        Health health();
    }

    /**
     * Every upstream has a breaker of its own with these settings: a service that keeps failing gets no traffic for a
     * while and its clients get a 503 at once instead of waiting for a timeout each.
     */
    interface Breaker {

        /** Consecutive failures (connect failure, timeout, reset, or a 502/503/504 answer) that open the breaker. */
        @WithDefault("5")
        int failures();

        /** How long an open breaker refuses calls before it lets trial calls through. */
        @WithDefault("60S")
        Duration openFor();

        /** Trial calls that must succeed in a row to close the breaker again (one failure reopens it). */
        @WithDefault("2")
        int successes();
    }

    /** {@code GET /health}: the services' readiness for uptime checks. */
    interface Health {

        /** How long the gateway waits for each service's {@code /q/health/ready} before counting it DOWN. */
        @WithDefault("1S")
        Duration timeout();

        /** How long one aggregated answer is reused, so that frequent uptime checks do not multiply into calls. */
        @WithDefault("1S")
        Duration cacheFor();
    }
}
