package dev.commercesuite.identity.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.identity.config.IdentityConfig;
import io.smallrye.jwt.build.Jwt;

/**
 * Client-credentials tokens for the suite's own services (RFC 6749 section 4.4): a configured client presenting its
 * secret gets a short-lived RS256 JWT with the group {@code service}. Secrets are compared as SHA-256 digests in
 * constant time, and an unknown client costs the same work as a known one.
 */
@ApplicationScoped
public class ServiceTokenIssuer {

    public static final String SERVICE_GROUP = "service";
    private static final byte[] NO_CLIENT = new byte[32];

    private final IdentityConfig config;

    public ServiceTokenIssuer(IdentityConfig config) {
        this.config = config;
    }

    /** A signed token for the client, or empty when the client is unknown or the secret is wrong. */
    public Optional<IssuedToken> issue(String clientId, String secret) {
        IdentityConfig.ServiceClient client = config.serviceClients().get(clientId);
        byte[] expected = client == null ? NO_CLIENT : decode(client.secretSha256());
        boolean secretMatches = MessageDigest.isEqual(sha256(secret), expected);
        if (client == null || !secretMatches) {
            return Optional.empty();
        }
        long lifetime = config.tokens().serviceTokenLifetime().toSeconds();
        String token = Jwt.issuer(config.tokens().issuer())
                .subject(clientId)
                .upn(clientId)
                .groups(Set.of(SERVICE_GROUP))
                .expiresIn(lifetime)
                .jws().keyId(config.tokens().keyId())
                .sign();
        return Optional.of(new IssuedToken(token, lifetime));
    }

    public record IssuedToken(String accessToken, long expiresIn) {
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String hex) {
        try {
            return HexFormat.of().parseHex(hex.strip());
        } catch (IllegalArgumentException e) {
            return NO_CLIENT; // a malformed configured hash matches nothing
        }
    }
}
