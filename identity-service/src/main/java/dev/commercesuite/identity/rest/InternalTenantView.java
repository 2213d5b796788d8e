package dev.commercesuite.identity.rest;

import java.util.UUID;

import dev.commercesuite.identity.domain.Tenant;

/**
 * A shop as the platform's other services read it ({@code GET /internal/v1/tenants/{idOrSlug}}): exactly the fields
 * their tenant lookups map, status and tier in lower case.
 */
public record InternalTenantView(UUID id, String slug, String name, String status, String tier) {

    static InternalTenantView of(Tenant tenant) {
        return new InternalTenantView(tenant.id(), tenant.slug(), tenant.name(), tenant.status().value(),
                tenant.tier().value());
    }
}
