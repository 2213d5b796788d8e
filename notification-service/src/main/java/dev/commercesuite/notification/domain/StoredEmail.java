package dev.commercesuite.notification.domain;

import java.time.Instant;
import java.util.UUID;

import dev.commercesuite.defaults.queue.LeasedItem;

/**
 * One row of the email queue; {@code shopName} is null when the email names no shop, {@code traceParent} (the W3C
 * trace context of the request that queued it) when none was stored.
 */
public record StoredEmail(UUID id, String clientId, String idempotencyKey, String requestHash, String template,
        String locale, String tenantId, String shopName, String recipient, String subject, String htmlBody, String textBody,
        EmailStatus status, int attempts, String lastError, Instant nextAttemptAt, Instant createdAt,
        Instant updatedAt, Instant sentAt, String traceParent) implements LeasedItem {
}
