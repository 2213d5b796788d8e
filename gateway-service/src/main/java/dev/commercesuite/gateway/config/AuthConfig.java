package dev.commercesuite.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Edge authentication: how the gateway verifies bearer JWTs against identity-service's JWKS and exchanges API keys
 * for short JWTs at identity's token endpoint, before a request reaches any service.
 */
@ConfigMapping(prefix = "gateway.auth")
public interface AuthConfig {

    /** Whether bearer tokens and API keys are checked at the edge; off, every request passes to the services as sent. */
    @WithDefault("true")
    boolean enabled();

    /** Where identity publishes its signing keys; unset: the identity upstream's {@code /.well-known/jwks.json}. */
    Optional<URI> jwksUrl();

    /** Identity's client-credentials endpoint for API keys; unset: the identity upstream's {@code /api/v1/auth/token}. */
    Optional<URI> tokenUrl();

    /** The {@code iss} every token must carry (identity's {@code IDENTITY_TOKENS_ISSUER}). */
    @WithDefault("https://commercesuite.dev")
    String issuer();

    /** How far {@code exp} and {@code nbf} may be off between identity's clock and the gateway's. */
    @WithDefault("30S")
    Duration clockSkew();

    /** How old the cached JWKS may grow before a request refreshes it in the background. */
    @WithDefault("10M")
    Duration jwksRefreshInterval();

    /** The least time between two JWKS fetches, however many unknown {@code kid}s arrive meanwhile. */
    @WithDefault("30S")
    Duration jwksMinRefreshInterval();

    /** How long identity may take to answer a JWKS fetch or an API-key exchange. */
    @WithDefault("2S")
    Duration identityTimeout();

    /** Verified tokens (and exchanged API keys) remembered at once, so a repeated one costs a hash lookup. */
    @WithDefault("10000")
    int cacheSize();

    /** How long an API key identity refused is refused again without asking identity. */
    @WithDefault("30S")
    Duration apiKeyRefusalTtl();
}
