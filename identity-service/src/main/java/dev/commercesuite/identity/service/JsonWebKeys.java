package dev.commercesuite.identity.service;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.commercesuite.identity.config.IdentityConfig;

/**
 * The JSON Web Key Set (RFC 7517) of every public key verifiers should accept: the signing key's (derived from the
 * private key, under the configured {@code kid}) and, during a rotation, the previous ones. Built once, on first use.
 */
@ApplicationScoped
public class JsonWebKeys {

    private static final Logger LOG = Logger.getLogger(JsonWebKeys.class);

    private final IdentityConfig config;
    private final Optional<String> signingKeyLocation;
    private final Optional<String> signingKeyPem;
    private volatile Map<String, Object> jwks;

    public JsonWebKeys(IdentityConfig config,
            @ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> signingKeyLocation,
            @ConfigProperty(name = "smallrye.jwt.sign.key") Optional<String> signingKeyPem) {
        this.config = config;
        this.signingKeyLocation = signingKeyLocation;
        this.signingKeyPem = signingKeyPem;
    }

    public Map<String, Object> jwks() {
        Map<String, Object> current = jwks;
        if (current == null) {
            current = Map.of("keys", List.copyOf(keys()));
            jwks = current;
        }
        return current;
    }

    private List<Map<String, Object>> keys() {
        List<Map<String, Object>> keys = new ArrayList<>();
        // the signing key: a PEM file (smallrye.jwt.sign.key.location) or the PEM itself (smallrye.jwt.sign.key)
        if (signingKeyLocation.isPresent() || signingKeyPem.isPresent()) {
            String source = signingKeyLocation.orElse("smallrye.jwt.sign.key");
            try {
                String pem = signingKeyLocation.isPresent() ? read(signingKeyLocation.get()) : signingKeyPem.get();
                RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                        .generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
                keys.add(jwk(config.tokens().keyId(), privateKey.getModulus(), privateKey.getPublicExponent()));
            } catch (IOException | GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
                LOG.errorf("The signing key at %s cannot be published: %s", source, e.getMessage());
            }
        }
        for (String entry : config.tokens().previousPublicKeys().orElse(List.of())) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                LOG.errorf("identity.tokens.previous-public-keys entry is not kid:path: %s", entry);
                continue;
            }
            String kid = entry.substring(0, colon).strip();
            try {
                RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new X509EncodedKeySpec(der(read(entry.substring(colon + 1).strip()))));
                keys.add(jwk(kid, publicKey.getModulus(), publicKey.getPublicExponent()));
            } catch (IOException | GeneralSecurityException | ClassCastException e) {
                LOG.errorf("The previous public key %s cannot be published: %s", kid, e.getMessage());
            }
        }
        return keys;
    }

    private static Map<String, Object> jwk(String kid, BigInteger modulus, BigInteger exponent) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("kid", kid);
        jwk.put("n", base64Url(modulus));
        jwk.put("e", base64Url(exponent));
        return jwk;
    }

    /** Big-endian, unsigned, without leading zero bytes (RFC 7518 section 6.3.1). */
    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        byte[] unsigned = java.util.Arrays.copyOfRange(bytes, start, bytes.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
    }

    private static String read(String location) throws IOException {
        return Files.readString(Path.of(location.startsWith("file:") ? location.substring(5) : location));
    }

    private static byte[] der(String pem) {
        return Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }
}
