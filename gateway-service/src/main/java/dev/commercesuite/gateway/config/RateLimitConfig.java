package dev.commercesuite.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Rate-limit policies and where their counters live. Policies are configured by name (the name is what clients see in
 * the {@code RateLimit-Policy} header and what metrics are tagged with); the first policy, by {@link Policy#order()},
 * whose methods and paths match a request applies to it.
 */
@ConfigMapping(prefix = "gateway.rate-limit")
public interface RateLimitConfig {

    /**
     * Where rate-limit counters live: {@code redis} (shared by every gateway replica; the production default) or
     * {@code memory} (one process only; for local runs without Redis).
     */
    @WithDefault("redis")
    Store store();

    /** How long one rate-limit check may wait for Redis before the in-process limiter decides it. */
    @WithDefault("50MS")
    Duration redisTimeout();

    /** While Redis is away, how often the gateway asks it (PING) whether it is back. */
    @WithDefault("1S")
    Duration redisProbeInterval();

    /** How long the readiness check waits for Redis to answer PING before reporting the fallback. */
    @WithDefault("1S")
    Duration redisCheckTimeout();

    /** The most counters the in-process limiter keeps; idle ones are dropped first. */
    @WithDefault("100000")
    int memoryMaxKeys();

    /** The policies, by name. */
    Map<String, Policy> policies();

    /** One rate-limit policy. */
    interface Policy {

        /** Where this policy stands among the others: the first matching policy (lowest order) applies. */
        @WithDefault("100")
        int order();

        /** Requests matching this policy are neither counted nor limited (no rate-limit headers). */
        @WithDefault("false")
        boolean exempt();

        /** How many requests one key may make per window. */
        @WithDefault("0")
        int limit();

        /** The sliding window the limit applies to. */
        @WithDefault("1M")
        Duration window();

        /** What a count is kept per: {@code ip}, {@code user-or-ip} or {@code ip-and-email}. */
        @WithDefault("user-or-ip")
        KeyKind key();

        /** The HTTP methods the policy applies to; none: every method. */
        Optional<List<String>> methods();

        /**
         * The paths the policy applies to: {@code *} stands for one path segment, a trailing {@code /**} for any
         * rest of the path (none included).
         */
        List<String> paths();
    }

    /** What a rate-limit count is kept per. */
    enum KeyKind {
        /** The client's address. */
        IP,
        /** The verified subject of the caller's token; the client's address for anonymous requests. */
        USER_OR_IP,
        /** The client's address and the {@code email} of the JSON body (login). */
        IP_AND_EMAIL
    }

    /** Where counters live. */
    enum Store {
        REDIS,
        MEMORY
    }
}
