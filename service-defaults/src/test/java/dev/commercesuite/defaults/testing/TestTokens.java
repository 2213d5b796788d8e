package dev.commercesuite.defaults.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;

/**
 * Access tokens for tests, signed with a key pair made for this test JVM. As a test resource it points the service's
 * verification at the public key ({@code mp.jwt.verify.publickey.location}) and the suite's issuer, and a signing
 * service (identity) at the private key ({@code smallrye.jwt.sign.key.location}).
 * <p>
 * Quarkus loads test resources and test classes in different class loaders, so the key pair is shared through files
 * named in a system property rather than through a static field.
 */
public class TestTokens implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://commercesuite.dev";
    private static final String KEY_DIR_PROPERTY = "commercesuite.test.jwt-keys";

    @Override
    public Map<String, String> start() {
        return Map.of("mp.jwt.verify.publickey.location", keyDir().resolve("public.pem").toString(),
                "mp.jwt.verify.issuer", ISSUER,
                "smallrye.jwt.sign.key.location", keyDir().resolve("private.pem").toString());
    }

    @Override
    public void stop() {
    }

    /** A client-credentials token of a service account, as identity-service issues them. */
    public static String service(String clientId) {
        return sign(clientId, Set.of("service"), Map.of(), privateKey(keyDir()));
    }

    /** A user's access token in {@code tenant} with the given groups (admin, staff, customer). */
    public static String user(String userId, String tenant, String... groups) {
        return sign(userId, Set.of(groups), Map.of("tenant", tenant), privateKey(keyDir()));
    }

    /** A user's access token as identity-service issues it: {@code upn} is the user's email address. */
    public static String user(String userId, String email, String tenant, Set<String> groups) {
        return sign(userId, email, groups, Map.of("tenant", tenant), privateKey(keyDir()));
    }

    /** The test signing key, for tests that craft their own tokens (expired, wrong issuer, other kid...). */
    public static PrivateKey signingKey() {
        return privateKey(keyDir());
    }

    /** A well-formed token signed by a key the service does not trust. */
    public static String forged(String subject, String... groups) {
        return sign(subject, Set.of(groups), Map.of(), generate().getPrivate());
    }

    /**
     * The claims of a token signed with the test key, after checking its RS256 signature; fails if the signature does
     * not verify.
     */
    public static Map<String, Object> verifiedClaims(String token) {
        try {
            String[] parts = token.split("\\.");
            String publicPem = Files.readString(keyDir().resolve("public.pem"));
            byte[] der = Base64.getDecoder().decode(publicPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            var publicKey = KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.X509EncodedKeySpec(der));
            var signature = java.security.Signature.getInstance("SHA256withRSA");
            signature.initVerify(publicKey);
            signature.update((parts[0] + "." + parts[1]).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new AssertionError("the token's signature does not verify with the test key");
            }
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(Base64.getUrlDecoder().decode(parts[1]),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
                    });
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify the token", e);
        }
    }

    private static String sign(String subject, Set<String> groups, Map<String, Object> claims, PrivateKey key) {
        return sign(subject, subject, groups, claims, key);
    }

    private static String sign(String subject, String upn, Set<String> groups, Map<String, Object> claims,
            PrivateKey key) {
        var builder = Jwt.issuer(ISSUER).subject(subject).upn(upn).groups(groups)
                .expiresIn(Duration.ofMinutes(15));
        claims.forEach(builder::claim);
        return builder.jws().keyId("test").sign(key);
    }

    private static synchronized Path keyDir() {
        String existing = System.getProperty(KEY_DIR_PROPERTY);
        if (existing != null) {
            return Path.of(existing);
        }
        try {
            Path dir = Files.createTempDirectory("test-jwt-");
            KeyPair pair = generate();
            Files.writeString(dir.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(dir.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            dir.toFile().deleteOnExit();
            System.setProperty(KEY_DIR_PROPERTY, dir.toString());
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write test keys", e);
        }
    }

    private static PrivateKey privateKey(Path dir) {
        try {
            String pem = Files.readString(dir.resolve("private.pem"));
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test private key", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
