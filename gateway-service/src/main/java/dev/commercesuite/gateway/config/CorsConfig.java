package dev.commercesuite.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Which browser origins may call the public API across origins, and what they may send and read. The gateway answers
 * CORS for every service behind it, so the services need no CORS settings of their own.
 */
@ConfigMapping(prefix = "gateway.cors")
public interface CorsConfig {

    /**
     * Exact origins ({@code scheme://host[:port]}) allowed to call with credentials; {@code *} is refused at start-up.
     * Empty (the default): no origin is allowed and no CORS header is ever sent.
     */
    Optional<List<String>> origins();

    /** Methods a preflight may ask for. */
    @WithDefault("GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS")
    List<String> methods();

    /** Request headers a preflight may ask for (case-insensitive); CORS-safelisted headers need not be listed. */
    @WithDefault("Authorization,Content-Type,Accept,Accept-Language,Idempotency-Key,If-Match,If-None-Match,"
            + "X-Request-Id,X-Order-Token")
    List<String> headers();

    /** Response headers a browser script may read, beyond the CORS-safelisted ones. */
    @WithDefault("RateLimit,RateLimit-Policy,X-RateLimit-Limit,X-RateLimit-Remaining,X-RateLimit-Reset,Retry-After,"
            + "X-Request-Id,Location,ETag,Idempotent-Replayed")
    List<String> exposedHeaders();

    /** How long a browser may cache a preflight's answer ({@code Access-Control-Max-Age}, whole seconds). */
    @WithDefault("10M")
    Duration maxAge();
}
