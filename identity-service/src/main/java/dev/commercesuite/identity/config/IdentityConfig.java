package dev.commercesuite.identity.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** identity-service's own settings. */
@ConfigMapping(prefix = "identity")
public interface IdentityConfig {

    Tokens tokens();

    Passwords passwords();

    Cleanup cleanup();

    /** The daily clean-up of used and expired tokens ({@code TokenCleanupJob}). */
    interface Cleanup {

        /** When it runs, as a Quartz cron expression in UTC; the job reads it as {@code identity.cleanup.cron}. */
        @WithDefault("0 0 3 * * ?")
        String cron();
    }

    /**
     * Argon2id parameters for stored passwords (OWASP's minimum: 19 MiB, 2 iterations, 1 lane). Raising them is safe:
     * existing hashes keep verifying and are re-hashed with the new parameters at the next successful login.
     */
    interface Passwords {

        @WithDefault("19456")
        int memoryKib();

        @WithDefault("2")
        int iterations();

        @WithDefault("1")
        int parallelism();
    }

    /**
     * Service accounts allowed to get client-credentials tokens, as comma-separated {@code client-id:sha256} pairs
     * where sha256 is the hex SHA-256 of the client's secret (the secret itself is never configured here):
     * {@code IDENTITY_SERVICE_CLIENTS=order-service:9f86d0...,notification-service:60303a...}.
     */
    Optional<List<String>> serviceClients();

    interface Tokens {

        /** The {@code iss} of every token this service signs. */
        @WithDefault("https://commercesuite.dev")
        String issuer();

        /** The {@code kid} header of the signing key, matched against the JWKS by verifiers. */
        @WithDefault("identity-1")
        String keyId();

        /**
         * Public keys verifiers should still accept besides the signing key's, during a key rotation: comma-separated
         * {@code kid:path-to-public-pem} pairs, published in the JWKS.
         */
        Optional<List<String>> previousPublicKeys();

        /** Lifetime of service (client-credentials) tokens. */
        @WithDefault("15M")
        Duration serviceTokenLifetime();
    }
}
