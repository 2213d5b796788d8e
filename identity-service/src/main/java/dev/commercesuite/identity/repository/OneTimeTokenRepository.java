package dev.commercesuite.identity.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * One-time tokens for email verification and password reset, keyed by the SHA-256 of the token. A token is used in
 * one {@code UPDATE ... RETURNING}: only an unused, unexpired token matches, and only once, however many requests race
 * with it.
 */
@ApplicationScoped
public class OneTimeTokenRepository {

    /** The two kinds, each in its own table of the same shape. */
    public enum Kind {
        VERIFICATION("email_verification_tokens"),
        PASSWORD_RESET("password_reset_tokens");

        private final String table;

        Kind(String table) {
            this.table = table;
        }

        public String table() {
            return table;
        }
    }

    private final EntityManager entityManager;

    public OneTimeTokenRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Stores a token's digest, voiding the user's older unused ones of that kind. */
    public void replace(Kind kind, UUID userId, byte[] tokenSha256, Instant now, Instant expiresAt) {
        entityManager.createNativeQuery("UPDATE " + kind.table() + " SET used_at = ?1 WHERE user_id = ?2"
                + " AND used_at IS NULL")
                .setParameter(1, now).setParameter(2, userId).executeUpdate();
        entityManager.createNativeQuery("INSERT INTO " + kind.table() + " (token_sha256, user_id, expires_at,"
                + " created_at) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, tokenSha256).setParameter(2, userId).setParameter(3, expiresAt)
                .setParameter(4, now).executeUpdate();
    }

    /** How many tokens of this kind the user was given after {@code since}. */
    public int countIssuedSince(Kind kind, UUID userId, Instant since) {
        return NativeValues.count(entityManager.createNativeQuery("SELECT count(*) FROM " + kind.table()
                + " WHERE user_id = ?1 AND created_at > ?2")
                .setParameter(1, userId).setParameter(2, since).getSingleResult());
    }

    /** The user an unused, unexpired token belongs to, without using it. */
    public Optional<UUID> findLive(Kind kind, byte[] tokenSha256, Instant now) {
        return first(entityManager.createNativeQuery("SELECT user_id FROM " + kind.table()
                + " WHERE token_sha256 = ?1 AND used_at IS NULL AND expires_at > ?2")
                .setParameter(1, tokenSha256).setParameter(2, now).getResultList());
    }

    /** Uses a token in one statement; answers its user only if it was unused and unexpired. */
    public Optional<UUID> consume(Kind kind, byte[] tokenSha256, Instant now) {
        return first(entityManager.createNativeQuery("UPDATE " + kind.table() + " SET used_at = ?1"
                + " WHERE token_sha256 = ?2 AND used_at IS NULL AND expires_at > ?1 RETURNING user_id")
                .setParameter(1, now).setParameter(2, tokenSha256).getResultList());
    }

    /** Deletes the tokens that expired, or were used, before {@code cutoff}; answers how many. */
    public int deleteSpentBefore(Kind kind, Instant cutoff) {
        return entityManager.createNativeQuery("DELETE FROM " + kind.table()
                + " WHERE expires_at < ?1 OR used_at < ?1")
                .setParameter(1, cutoff).executeUpdate();
    }

    private static Optional<UUID> first(List<?> rows) {
        return rows.stream().findFirst().map(UUID.class::cast);
    }
}
