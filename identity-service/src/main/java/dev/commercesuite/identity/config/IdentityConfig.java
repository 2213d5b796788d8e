package dev.commercesuite.identity.config;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** identity-service's own settings. */
@ConfigMapping(prefix = "identity")
public interface IdentityConfig {

    Tokens tokens();

    /**
     * Service accounts allowed to get client-credentials tokens, by client id. Only the SHA-256 (hex) of each secret
     * is configured: {@code IDENTITY_SERVICE_CLIENTS__ORDER_SERVICE__SECRET_SHA256=...}.
     */
    Map<String, ServiceClient> serviceClients();

    interface Tokens {

        /** The {@code iss} of every token this service signs. */
        @WithDefault("https://commercesuite.dev")
        String issuer();

        /** The {@code kid} header of the signing key, matched against the JWKS by verifiers. */
        @WithDefault("identity-1")
        String keyId();

        /** Lifetime of service (client-credentials) tokens. */
        @WithDefault("15M")
        Duration serviceTokenLifetime();
    }

    interface ServiceClient {

        /** Hex SHA-256 of the client's secret; the secret itself is never configured here. */
        String secretSha256();
    }
}
