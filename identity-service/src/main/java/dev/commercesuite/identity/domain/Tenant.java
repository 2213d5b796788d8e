package dev.commercesuite.identity.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A shop. Its slug is unique across the suite; while it is suspended its users can neither log in nor sign up. */
@Entity
@Table(name = "tenants")
public class Tenant {

    /** What a slug may be: lowercase letters, digits and dashes, 3 to 40 of them, and never shaped like an id. */
    public static final String SLUG_PATTERN = "[a-z0-9-]{3,40}";

    private static final Pattern SLUG = Pattern.compile(SLUG_PATTERN);
    private static final Pattern CANONICAL_UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

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

    /**
     * The shop id a reference names when it is written as a UUID (the canonical 8-4-4-4-12 hex form only:
     * {@link UUID#fromString} also accepts shorter groups such as {@code 1-2-3-4-5}, which are slugs here).
     */
    public static Optional<UUID> idIn(String reference) {
        return reference != null && CANONICAL_UUID.matcher(reference).matches()
                ? Optional.of(UUID.fromString(reference)) : Optional.empty();
    }

    /**
     * Whether {@code slug} can be a shop's slug. A slug shaped like a UUID is refused, so that a reference to a shop
     * ({@code /internal/v1/tenants/{idOrSlug}}) is never ambiguous between an id and a slug.
     */
    public static boolean isValidSlug(String slug) {
        return slug != null && SLUG.matcher(slug).matches() && idIn(slug).isEmpty();
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
