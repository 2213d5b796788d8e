package dev.commercesuite.order.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Whose {@code Idempotency-Key} it is: a key is one caller's in one shop, so two callers' equal keys never meet. A
 * signed-in user is {@code user:<id>}; a guest is known only by the address they give, kept as {@code guest:<SHA-256
 * of the lower-cased address>} so the records do not hold the address itself.
 */
public record IdempotencyScope(UUID tenantId, String caller) {

    public IdempotencyScope {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(caller, "caller");
    }

    public static IdempotencyScope user(UUID tenantId, UUID userId) {
        return new IdempotencyScope(tenantId, "user:" + userId);
    }

    public static IdempotencyScope guest(UUID tenantId, String email) {
        return new IdempotencyScope(tenantId, "guest:" + sha256Hex(email.toLowerCase(Locale.ROOT)));
    }

    static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
