package dev.commercesuite.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The rotation rule, without a database: a live token rotates, a rotated one revokes its family, else refused. */
class RefreshTokenTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final UUID FAMILY = UUID.randomUUID();
    private static final UUID USER = UUID.randomUUID();

    @Test
    void aLiveTokenRotates() {
        assertEquals(RefreshToken.Use.ROTATE, token(NOW.plusSeconds(1), false, false).presentedAt(NOW));
        assertEquals(RefreshToken.Use.ROTATE, token(NOW, false, false).presentedAt(NOW));
    }

    @Test
    void aRotatedTokenPresentedAgainRevokesItsFamily() {
        assertEquals(RefreshToken.Use.REVOKE_FAMILY, token(NOW.plusSeconds(60), true, false).presentedAt(NOW));
    }

    @Test
    void aRevokedOrExpiredTokenIsRefusedEvenIfItWasRotated() {
        assertEquals(RefreshToken.Use.REFUSE, token(NOW.plusSeconds(60), false, true).presentedAt(NOW));
        assertEquals(RefreshToken.Use.REFUSE, token(NOW.plusSeconds(60), true, true).presentedAt(NOW));
        assertEquals(RefreshToken.Use.REFUSE, token(NOW.minusSeconds(1), false, false).presentedAt(NOW));
        assertEquals(RefreshToken.Use.REFUSE, token(NOW.minusSeconds(1), true, false).presentedAt(NOW));
    }

    private static RefreshToken token(Instant expiresAt, boolean rotated, boolean revoked) {
        return new RefreshToken(FAMILY, USER, expiresAt, rotated, revoked);
    }
}
