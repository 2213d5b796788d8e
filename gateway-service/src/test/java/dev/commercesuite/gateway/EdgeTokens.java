package dev.commercesuite.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Signing keys and tokens shaped as identity-service issues them (RS256, a {@code kid}, the suite's issuer, a subject,
 * {@code upn}, {@code groups}, {@code iat}/{@code exp}, no audience), and the ways a token can be wrong.
 */
final class EdgeTokens {

    static final String ISSUER = "https://commercesuite.dev";

    private EdgeTokens() {
    }

    /** A fresh 2048-bit RSA signing key under {@code kid}. */
    static RsaJsonWebKey key(String kid) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(kid);
            key.setUse("sig");
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JWKS identity would publish for these keys (public halves only). */
    static String jwks(RsaJsonWebKey... keys) {
        return new JsonWebKeySet(keys).toJson();
    }

    /** Claims of a 15-minute user token issued now by the gateway's clock. */
    static JwtClaims claims(Clock clock, String subject) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setClaim("upn", subject + "@example.com");
        claims.setStringListClaim("groups", List.of("customer"));
        claims.setClaim("tenant", "0190a6c4-0000-7000-8000-00000000c001");
        claims.setIssuedAt(NumericDate.fromMilliseconds(clock.millis()));
        claims.setExpirationTime(NumericDate.fromMilliseconds(clock.millis() + Duration.ofMinutes(15).toMillis()));
        claims.setGeneratedJwtId();
        return claims;
    }

    /** A token for {@code subject} signed with {@code key} under its own kid. */
    static String token(RsaJsonWebKey key, Clock clock, String subject) {
        return token(key, clock, subject, claims -> { });
    }

    /** A token for {@code subject} signed with {@code key}, after {@code change} altered its claims. */
    static String token(RsaJsonWebKey key, Clock clock, String subject, Consumer<JwtClaims> change) {
        JwtClaims claims = claims(clock, subject);
        change.accept(claims);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return serialize(jws);
    }

    /** A token that claims to be signed under {@code kid} but is signed with another key. */
    static String forgedUnder(String kid, Clock clock, String subject) {
        RsaJsonWebKey other = key(kid);
        return token(other, clock, subject);
    }

    /** An unsigned token ({@code alg: none}) naming {@code kid}. */
    static String unsigned(String kid, Clock clock, String subject) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims(clock, subject).toJson());
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setKeyIdHeaderValue(kid);
        return serialize(jws);
    }

    /** HS256 with the RSA public key's bytes as the HMAC secret: the classic algorithm-confusion forgery. */
    static String hmacWithPublicKey(RsaJsonWebKey key, Clock clock, String subject) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims(clock, subject).toJson());
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setKey(new HmacKey(key.getPublicKey().getEncoded()));
        jws.setDoKeyValidation(false);
        return serialize(jws);
    }

    private static String serialize(JsonWebSignature jws) {
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
