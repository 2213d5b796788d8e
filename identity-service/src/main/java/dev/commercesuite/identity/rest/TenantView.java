package dev.commercesuite.identity.rest;

import java.time.Instant;
import java.util.UUID;

import dev.commercesuite.identity.domain.Tenant;

/** A shop as the API shows it. */
public record TenantView(UUID id, String slug, String name, String tier, String status, Instant createdAt) {

    static TenantView of(Tenant tenant) {
        return new TenantView(tenant.id(), tenant.slug(), tenant.name(), tenant.tier().value(),
                tenant.status().value(), tenant.createdAt());
    }
}
