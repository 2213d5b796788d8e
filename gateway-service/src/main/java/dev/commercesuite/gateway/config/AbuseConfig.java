package dev.commercesuite.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Which client addresses the gateway never limits, always refuses, or blocks for a while after too many 429s, so that
 * a client that keeps hammering a limit stops costing a Redis round trip per request.
 */
@ConfigMapping(prefix = "gateway.abuse")
public interface AbuseConfig {

    /** How many 429s one client address may collect within {@link #window()} before it is blocked. */
    @WithDefault("50")
    int maxRefusals();

    /** The window the 429s of one address are counted in. */
    @WithDefault("10M")
    Duration window();

    /** How long a blocked address stays blocked (403 ip-blocked), across every replica. */
    @WithDefault("1H")
    Duration blockFor();

    /** How long a replica trusts its own "not blocked" answer for an address before asking Redis again. */
    @WithDefault("1S")
    Duration blockCacheTtl();

    /** Addresses or CIDR ranges that are never rate-limited or blocked (monitoring, partners). */
    Optional<List<String>> allow();

    /** Addresses or CIDR ranges that are always refused (403 ip-denied). */
    Optional<List<String>> deny();
}
