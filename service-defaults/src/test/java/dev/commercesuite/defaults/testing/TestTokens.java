package dev.commercesuite.defaults.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;

/**
 * Access tokens for tests, signed with a key pair made for this test JVM. As a test resource it points the service's
 * verification at the public key ({@code mp.jwt.verify.publickey.location}) and the suite's issuer.
 */
public class TestTokens implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://commercesuite.dev";
    private static final KeyPair KEYS = generate();
    private static final KeyPair STRANGER_KEYS = generate();

    @Override
    public Map<String, String> start() {
        try {
            Path publicKey = Files.createTempFile("test-jwt-", ".pem");
            Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(KEYS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            publicKey.toFile().deleteOnExit();
            return Map.of("mp.jwt.verify.publickey.location", publicKey.toString(), "mp.jwt.verify.issuer", ISSUER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the test public key", e);
        }
    }

    @Override
    public void stop() {
    }

    /** A client-credentials token of a service account, as identity-service issues them. */
    public static String service(String clientId) {
        return sign(clientId, Set.of("service"), Map.of(), KEYS.getPrivate());
    }

    /** A user's access token in {@code tenant} with the given groups (admin, staff, customer). */
    public static String user(String userId, String tenant, String... groups) {
        return sign(userId, Set.of(groups), Map.of("tenant", tenant), KEYS.getPrivate());
    }

    /** A well-formed token signed by a key the service does not trust. */
    public static String forged(String subject, String... groups) {
        return sign(subject, Set.of(groups), Map.of(), STRANGER_KEYS.getPrivate());
    }

    private static String sign(String subject, Set<String> groups, Map<String, Object> claims, PrivateKey key) {
        var builder = Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(groups)
                .expiresIn(Duration.ofMinutes(15));
        claims.forEach(builder::claim);
        return builder.jws().keyId("test").sign(key);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
