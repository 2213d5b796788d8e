package dev.commercesuite.identity.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

import dev.commercesuite.identity.domain.ApiKey;

/** The shops' API keys, found by their public id. */
@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKey, String> {

    public long countActive(UUID tenantId, Instant now) {
        return count("tenantId = ?1 and revokedAt is null and (expiresAt is null or expiresAt > ?2)", tenantId, now);
    }

    /** The tenant's keys, newest first (at most a few dozen: active keys are capped). */
    public List<ApiKey> listNewestFirst(UUID tenantId) {
        return find("tenantId", Sort.descending("createdAt").and("id"), tenantId).page(0, 200).list();
    }

    public void touch(String id, Instant now) {
        update("lastUsedAt = ?1 where id = ?2", now, id);
    }

    /**
     * Revokes the tenant's key {@code id} in one statement (the row locked, so two revocations audit once): empty when
     * the tenant has no such key, else whether this call revoked it (false when it already was).
     */
    public Optional<Boolean> revoke(UUID tenantId, String id, Instant now) {
        List<?> rows = getEntityManager().createNativeQuery("WITH target AS (SELECT id, revoked_at FROM api_keys"
                + " WHERE id = ?1 AND tenant_id = ?2 FOR UPDATE),"
                + " revoked AS (UPDATE api_keys SET revoked_at = ?3 WHERE id IN (SELECT id FROM target"
                + " WHERE revoked_at IS NULL) RETURNING id)"
                + " SELECT EXISTS (SELECT 1 FROM revoked) FROM target")
                .setParameter(1, id).setParameter(2, tenantId).setParameter(3, now)
                .getResultList();
        return rows.stream().findFirst().map(Boolean.class::cast);
    }
}
