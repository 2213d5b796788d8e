package dev.commercesuite.identity.service;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.identity.config.IdentityConfig;
import dev.commercesuite.identity.config.ServiceClients;

/**
 * Client-credentials tokens for the suite's own services (RFC 6749 section 4.4): a configured client presenting its
 * secret gets a short-lived token with the group {@code service} ({@link AccessTokens#forService}). Secrets are
 * compared as SHA-256 digests in constant time, and an unknown client costs the same work as a known one.
 */
@ApplicationScoped
public class ServiceTokenIssuer {

    private static final byte[] NO_CLIENT = new byte[32];

    private final AccessTokens accessTokens;
    private final Map<String, byte[]> secretDigests;

    public ServiceTokenIssuer(IdentityConfig config, AccessTokens accessTokens) {
        this.accessTokens = accessTokens;
        this.secretDigests = ServiceClients.parse(config.serviceClients().orElse(List.of()), new ArrayList<>());
    }

    /** A signed token for the client, or empty when the client is unknown or the secret is wrong. */
    public Optional<AccessTokens.IssuedToken> issue(String clientId, String secret) {
        byte[] expected = secretDigests.get(clientId);
        boolean secretMatches = MessageDigest.isEqual(OneTimeTokens.sha256Utf8(secret),
                expected == null ? NO_CLIENT : expected);
        if (expected == null || !secretMatches) {
            return Optional.empty();
        }
        return Optional.of(accessTokens.forService(clientId));
    }
}
