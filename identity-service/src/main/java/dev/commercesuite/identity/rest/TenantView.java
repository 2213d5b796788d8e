package dev.commercesuite.identity.rest;

import java.time.Instant;
import java.util.UUID;

/** A shop as the API shows it. */
public record TenantView(UUID id, String slug, String name, String tier, String status, Instant createdAt) {
}
