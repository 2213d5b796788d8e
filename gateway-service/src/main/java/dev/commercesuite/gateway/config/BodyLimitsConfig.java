package dev.commercesuite.gateway.config;

import java.util.Map;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How large a request body may be, per route, before the gateway refuses it (413) without a service seeing it. Each
 * limit must be at most {@code quarkus.http.limits.max-body-size}, the suite-wide ceiling checked ahead of routing.
 */
@ConfigMapping(prefix = "gateway.body-limits")
public interface BodyLimitsConfig {

    /** The limit for a path no rule names. */
    @WithDefault("1M")
    MemorySize defaultLimit();

    /** Named rules: a path pattern and its limit; where several match a path, the smallest limit applies. */
    Map<String, Rule> routes();

    /** One rule of {@link #routes()}. */
    interface Rule {

        /** A Java regular expression the whole request path must match (no query string). */
        String path();

        /** The largest body allowed (e.g. {@code 16K}, {@code 1M}). */
        MemorySize limit();
    }
}
