package dev.commercesuite.identity.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A shop. Its slug is unique across the suite; while it is suspended its users can neither log in nor sign up. */
@Entity
@Table(name = "tenants")
public class Tenant {

    @Id
    private UUID id;

    private String slug;

    private String name;

    @Convert(converter = TierConverter.class)
    private Tier tier;

    @Convert(converter = TenantStatusConverter.class)
    private TenantStatus status;

    @Column(name = "created_at")
    private Instant createdAt;

    protected Tenant() {
    }

    /** A new shop, active from {@code now}. */
    public static Tenant open(UUID id, String slug, String name, Tier tier, Instant now) {
        Tenant tenant = new Tenant();
        tenant.id = id;
        tenant.slug = slug;
        tenant.name = name;
        tenant.tier = tier;
        tenant.status = TenantStatus.ACTIVE;
        tenant.createdAt = now;
        return tenant;
    }

    /** Suspends the shop; answers false when it already was. */
    public boolean suspend() {
        return changeTo(TenantStatus.SUSPENDED);
    }

    /** Reactivates the shop; answers false when it already was active. */
    public boolean reactivate() {
        return changeTo(TenantStatus.ACTIVE);
    }

    private boolean changeTo(TenantStatus next) {
        if (status == next) {
            return false;
        }
        status = next;
        return true;
    }

    public boolean isActive() {
        return status == TenantStatus.ACTIVE;
    }

    public UUID id() {
        return id;
    }

    public String slug() {
        return slug;
    }

    public String name() {
        return name;
    }

    public Tier tier() {
        return tier;
    }

    public TenantStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
