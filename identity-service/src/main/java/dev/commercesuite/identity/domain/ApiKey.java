package dev.commercesuite.identity.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A shop's API key: a public id and the SHA-256 of its secret (never the secret). It works until it is revoked or,
 * if it has one, until its expiry.
 */
@Entity
@Table(name = "api_keys")
public class ApiKey {

    @Id
    private String id;

    @Column(name = "tenant_id")
    private UUID tenantId;

    private String name;

    @Column(name = "secret_sha256")
    private byte[] secretSha256;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {
    }

    public static ApiKey issue(String id, UUID tenantId, String name, byte[] secretSha256, String createdBy,
            Instant now, Instant expiresAt) {
        ApiKey key = new ApiKey();
        key.id = id;
        key.tenantId = tenantId;
        key.name = name;
        key.secretSha256 = secretSha256.clone();
        key.createdBy = createdBy;
        key.createdAt = now;
        key.expiresAt = expiresAt;
        return key;
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public String id() {
        return id;
    }

    public UUID tenantId() {
        return tenantId;
    }

    public String name() {
        return name;
    }

    public byte[] secretSha256() {
        return secretSha256.clone();
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }
}
