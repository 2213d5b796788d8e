package dev.commercesuite.identity.domain;

import java.time.Instant;
import java.util.UUID;

/** One audit event as stored; metadata is JSON text. */
public record AuditEvent(UUID id, String action, String actor, String ip, String userAgent, String requestId,
        String metadata, Instant createdAt) {
}
