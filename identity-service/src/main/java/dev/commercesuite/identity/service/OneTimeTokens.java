package dev.commercesuite.identity.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** One-time tokens (email verification, password reset): 256 random bits for the link, only a SHA-256 at rest. */
public final class OneTimeTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

    private OneTimeTokens() {
    }

    /** A new URL-safe token of 43 characters. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code token} has the form {@link #generate()} gives; checked before any database work. */
    public static boolean isWellFormed(String token) {
        return token != null && FORM.matcher(token).matches();
    }

    public static byte[] sha256(String token) {
        return digest(token.getBytes(StandardCharsets.US_ASCII));
    }

    /** The SHA-256 of any secret's UTF-8 bytes (API-key and service-client secrets). */
    static byte[] sha256Utf8(String secret) {
        return digest(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
