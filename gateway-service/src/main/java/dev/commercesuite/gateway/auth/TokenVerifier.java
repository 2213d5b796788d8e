package dev.commercesuite.gateway.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;

import dev.commercesuite.gateway.config.AuthConfig;
import io.vertx.core.Future;

/**
 * Verifies identity's access tokens as the services do: an RS256 signature by a key in identity's JWKS (named by
 * {@code kid}; {@code none}, HMAC and every other algorithm are refused before any key is looked at), {@code exp}
 * required and {@code nbf} honoured with the configured clock skew, the configured {@code iss}, a {@code sub}. Nothing
 * identity does not put in (such as {@code aud}) is required. A verified token is remembered by its SHA-256 until it
 * expires, so a repeated token costs a hash lookup, not an RSA verification; it stops being accepted as soon as its
 * key leaves the JWKS.
 */
@ApplicationScoped
class TokenVerifier {

    /** What a verified token says: its subject, until when it holds, and the key that signed it. */
    record Verified(String subject, long validUntil, String kid, RSAPublicKey key) {
    }

    private static final String NOT_A_TOKEN = "The bearer token is not a signed JWT.";
    private static final String WRONG_ALGORITHM = "The token is not signed with RS256.";
    private static final String NO_KID = "The token names no signing key (kid).";

    /** Reads a token's header and claims without trusting them, to learn which key to verify it with. */
    private final JwtConsumer unverified = new JwtConsumerBuilder().setSkipAllValidators()
            .setDisableRequireSignature().setSkipSignatureVerification().build();
    private final SigningKeys keys;
    private final Clock clock;
    private final String issuer;
    private final int skewSeconds;
    private final long skewMillis;
    private final ExpiringCache<Verified> verified;

    TokenVerifier(SigningKeys keys, Clock clock, AuthConfig config) {
        this.keys = keys;
        this.clock = clock;
        this.issuer = config.issuer();
        this.skewSeconds = (int) config.clockSkew().toSeconds();
        this.skewMillis = config.clockSkew().toMillis();
        this.verified = new ExpiringCache<>(config.cacheSize());
    }

    /** The SHA-256 of a token or key, the form in which the gateway remembers them. */
    static ByteBuffer digest(String credential) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256")
                    .digest(credential.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The token with this digest, verified earlier and still valid, or null. */
    Verified remembered(ByteBuffer digest) {
        Verified known = verified.get(digest, clock.millis());
        return known != null && keys.current(known.kid()) == known.key() ? known : null;
    }

    /**
     * Verifies {@code token}, remembering it under {@code digest} when that is not null. Fails with an
     * {@link EdgeRefusal}: invalid for any token that does not verify, unavailable while identity's keys cannot be had.
     */
    Future<Verified> verify(String token, ByteBuffer digest) {
        JwtContext parsed;
        try {
            parsed = unverified.process(token);
        } catch (InvalidJwtException | RuntimeException e) {
            return Future.failedFuture(EdgeRefusal.invalid(NOT_A_TOKEN));
        }
        List<JsonWebStructure> structures = parsed.getJoseObjects();
        if (structures.size() != 1 || !(structures.get(0) instanceof JsonWebSignature signature)) {
            return Future.failedFuture(EdgeRefusal.invalid(NOT_A_TOKEN));
        }
        if (!AlgorithmIdentifiers.RSA_USING_SHA256.equals(signature.getAlgorithmHeaderValue())) {
            return Future.failedFuture(EdgeRefusal.invalid(WRONG_ALGORITHM));
        }
        String kid = signature.getKeyIdHeaderValue();
        if (kid == null || kid.isEmpty()) {
            return Future.failedFuture(EdgeRefusal.invalid(NO_KID));
        }
        return keys.key(kid).compose(key -> {
            try {
                Verified result = check(parsed, kid, key);
                if (digest != null) {
                    verified.put(digest, result, result.validUntil(), clock.millis());
                }
                return Future.succeededFuture(result);
            } catch (EdgeRefusal refusal) {
                return Future.failedFuture(refusal);
            }
        });
    }

    private Verified check(JwtContext parsed, String kid, RSAPublicKey key) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer(issuer)
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(skewSeconds)
                .setSkipDefaultAudienceValidation()
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                .build();
        try {
            consumer.processContext(parsed);
            return new Verified(parsed.getJwtClaims().getSubject(),
                    parsed.getJwtClaims().getExpirationTime().getValueInMillis() + skewMillis, kid, key);
        } catch (InvalidJwtException e) {
            throw EdgeRefusal.invalid(detail(e));
        } catch (MalformedClaimException | RuntimeException e) {
            throw EdgeRefusal.invalid("The token's claims are malformed.");
        }
    }

    private static String detail(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "The token has expired.";
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return "The token is not valid yet.";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return "The token was not issued by this suite's identity service.";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return "The token's signature does not verify.";
        }
        return "The token is not valid.";
    }
}
