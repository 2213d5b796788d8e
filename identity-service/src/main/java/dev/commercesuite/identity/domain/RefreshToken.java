package dev.commercesuite.identity.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A refresh token as stored (only its SHA-256): tokens descending from one login share a family. Each use rotates
 * the token; presenting one that was already rotated means it leaked, and the whole family is revoked.
 */
public record RefreshToken(UUID familyId, UUID userId, Instant expiresAt, boolean rotated, boolean revoked) {

    public static final Duration LIFETIME = Duration.ofDays(30);

    /** What presenting this token at a time does. */
    public enum Use {
        /** Valid: retire it and hand out the next one of the family. */
        ROTATE,
        /** Already rotated: a copy is in someone else's hands, revoke the family. */
        REVOKE_FAMILY,
        /** Revoked or expired: refused, nothing changes. */
        REFUSE
    }

    public Use presentedAt(Instant now) {
        if (revoked || expiresAt.isBefore(now)) {
            return Use.REFUSE;
        }
        return rotated ? Use.REVOKE_FAMILY : Use.ROTATE;
    }
}
