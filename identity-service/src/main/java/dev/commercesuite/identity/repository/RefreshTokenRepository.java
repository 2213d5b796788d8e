package dev.commercesuite.identity.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.commercesuite.identity.domain.RefreshToken;

/**
 * Refresh tokens, keyed by the SHA-256 of the token. Native statements: a digest is not an identity Hibernate can
 * track, and revoking a family (or every family of a user) is one set-based {@code UPDATE}.
 */
@ApplicationScoped
public class RefreshTokenRepository {

    private final EntityManager entityManager;

    public RefreshTokenRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void add(byte[] tokenSha256, UUID familyId, UUID userId, Instant now) {
        entityManager.createNativeQuery("INSERT INTO refresh_tokens (token_sha256, family_id, user_id, expires_at,"
                + " created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, tokenSha256).setParameter(2, familyId).setParameter(3, userId)
                .setParameter(4, now.plus(RefreshToken.LIFETIME)).setParameter(5, now)
                .executeUpdate();
    }

    /** The token's state with its row locked, so two concurrent uses of one token are ordered. */
    public Optional<RefreshToken> lock(byte[] tokenSha256) {
        List<?> rows = entityManager.createNativeQuery("SELECT family_id, user_id, expires_at,"
                + " rotated_at IS NOT NULL, revoked_at IS NOT NULL FROM refresh_tokens WHERE token_sha256 = ?1"
                + " FOR UPDATE")
                .setParameter(1, tokenSha256).getResultList();
        return rows.stream().findFirst().map(Object[].class::cast).map(row -> new RefreshToken((UUID) row[0],
                (UUID) row[1], NativeValues.instant(row[2]), (Boolean) row[3], (Boolean) row[4]));
    }

    public void markRotated(byte[] tokenSha256, Instant now) {
        entityManager.createNativeQuery("UPDATE refresh_tokens SET rotated_at = ?1 WHERE token_sha256 = ?2")
                .setParameter(1, now).setParameter(2, tokenSha256).executeUpdate();
    }

    public void revokeFamily(UUID familyId, Instant now) {
        entityManager.createNativeQuery("UPDATE refresh_tokens SET revoked_at = ?1 WHERE family_id = ?2"
                + " AND revoked_at IS NULL")
                .setParameter(1, now).setParameter(2, familyId).executeUpdate();
    }

    /** Revokes every live family of the user; answers how many families that was. */
    public int revokeFamiliesOf(UUID userId, Instant now) {
        return revoked(entityManager.createNativeQuery("WITH revoked AS (UPDATE refresh_tokens SET revoked_at = ?1"
                + " WHERE user_id = ?2 AND revoked_at IS NULL RETURNING family_id)"
                + " SELECT count(DISTINCT family_id) FROM revoked")
                .setParameter(1, now).setParameter(2, userId).getResultList());
    }

    /** Revokes every live family of the user except {@code keepFamily}; answers how many families that was. */
    public int revokeFamiliesOfExcept(UUID userId, UUID keepFamily, Instant now) {
        return revoked(entityManager.createNativeQuery("WITH revoked AS (UPDATE refresh_tokens SET revoked_at = ?1"
                + " WHERE user_id = ?2 AND revoked_at IS NULL AND family_id <> ?3 RETURNING family_id)"
                + " SELECT count(DISTINCT family_id) FROM revoked")
                .setParameter(1, now).setParameter(2, userId).setParameter(3, keepFamily).getResultList());
    }

    private static int revoked(List<?> rows) {
        return rows.isEmpty() ? 0 : NativeValues.count(rows.get(0));
    }

    /** Deletes the tokens that expired before {@code cutoff}; answers how many. */
    public int deleteExpiredBefore(Instant cutoff) {
        return entityManager.createNativeQuery("DELETE FROM refresh_tokens WHERE expires_at < ?1")
                .setParameter(1, cutoff).executeUpdate();
    }
}
