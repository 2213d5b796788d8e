package dev.commercesuite.order.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A client's {@code Idempotency-Key}: 1 to 255 visible ASCII characters (a random UUID is what clients should send).
 * The key is a secret of the client's: a replay hands back the first answer, which for an order holds its access
 * token. So the database never holds the key or the answer in the clear: records are found by the key's SHA-256
 * ({@link #storedForm()}) and the answer is sealed with AES-GCM under a key derived from the client's key and scope
 * ({@link #seal}, {@link #open}); only a request presenting the key can read it back.
 */
public final class IdempotencyKey {

    /** The header that carries it (IETF draft "The Idempotency-Key HTTP Header Field"; Stripe). */
    public static final String HEADER = "Idempotency-Key";
    /** Longest key accepted. */
    public static final int MAX_LENGTH = 255;

    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1," + MAX_LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String value;

    private IdempotencyKey(String value) {
        this.value = value;
    }

    /** The key a header value names, if it is one. */
    public static Optional<IdempotencyKey> parse(String header) {
        return header != null && VALID.matcher(header).matches() ? Optional.of(new IdempotencyKey(header))
                : Optional.empty();
    }

    /** What the records hold instead of the key: its SHA-256, hex (64 characters). */
    public String storedForm() {
        return IdempotencyScope.sha256Hex(value);
    }

    /** {@code plaintext} encrypted for this key in {@code scope}: Base64 of nonce and AES-GCM ciphertext. */
    public String seal(String plaintext, IdempotencyScope scope) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, secretKey(scope), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
    }

    /** What {@link #seal} sealed for this key in {@code scope}; throws if it was sealed for another. */
    public String open(String sealed, IdempotencyScope scope) {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, secretKey(scope), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored answer does not open with its idempotency key", e);
        }
    }

    private SecretKeySpec secretKey(IdempotencyScope scope) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256").digest(("commercesuite idempotent response\n"
                    + scope.tenantId() + "\n" + scope.caller() + "\n" + value).getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(key, "AES");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Never the key itself: it must not reach a log line. */
    @Override
    public String toString() {
        return "IdempotencyKey[" + storedForm().substring(0, 8) + "...]";
    }
}
