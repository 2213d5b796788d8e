package dev.commercesuite.order.domain;

import java.time.Instant;
import java.util.UUID;

/** One event of a shop's order audit log as stored: who did what, in which request; metadata is JSON text. */
public record AuditEvent(UUID id, String action, String actor, String requestId, String metadata, Instant createdAt) {
}
