package dev.commercesuite.identity.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern CLIENT = Pattern.compile("([A-Za-z0-9._-]{1,100}):([0-9a-fA-F]{64})");

    private final IdentityConfig config;
    private final Map<String, byte[]> secretDigests;

    public ServiceTokenIssuer(IdentityConfig config) {
        this.config = config;
        this.secretDigests = parseClients(config.serviceClients().orElse(List.of()), new ArrayList<>());
    }

    /**
     * Reads {@code client-id:sha256} pairs; each malformed entry adds a problem (never the entry itself, which may
     * hold a pasted secret).
     */
    public static Map<String, byte[]> parseClients(List<String> entries, List<String> problems) {
        Map<String, byte[]> clients = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Matcher entry = CLIENT.matcher(entries.get(i).strip());
            if (entry.matches()) {
                clients.put(entry.group(1), HexFormat.of().parseHex(entry.group(2)));
            } else {
                problems.add("identity.service-clients (IDENTITY_SERVICE_CLIENTS) entry " + (i + 1)
                        + " is not client-id:sha256-hex-of-the-secret");
            }
        }
        return Map.copyOf(clients);
    }

    /** A signed token for the client, or empty when the client is unknown or the secret is wrong. */
    public Optional<IssuedToken> issue(String clientId, String secret) {
        byte[] expected = secretDigests.get(clientId);
        boolean secretMatches = MessageDigest.isEqual(sha256(secret), expected == null ? NO_CLIENT : expected);
        if (expected == null || !secretMatches) {
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

    /** A service token for identity-service itself, for its own calls to the other services. */
    public IssuedToken issueForSelf(String serviceName) {
        long lifetime = config.tokens().serviceTokenLifetime().toSeconds();
        String token = Jwt.issuer(config.tokens().issuer())
                .subject(serviceName)
                .upn(serviceName)
                .groups(Set.of(SERVICE_GROUP))
                .expiresIn(lifetime)
                .jws().keyId(config.tokens().keyId())
                .sign();
        return new IssuedToken(token, lifetime);
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
}
