package dev.commercesuite.notification.rest;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.commercesuite.notification.domain.StoredEmail;

/** An email's delivery state, without its bodies. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmailView(UUID id, String template, String locale, String tenantId, String shopName, String to,
        String subject,
        String status, int attempts, String lastError, Instant createdAt, Instant updatedAt, Instant nextAttemptAt,
        Instant sentAt) {

    public static EmailView of(StoredEmail email) {
        return new EmailView(email.id(), email.template(), email.locale(), email.tenantId(), email.shopName(),
                email.recipient(),
                email.subject(), email.status().value(), email.attempts(), email.lastError(), email.createdAt(),
                email.updatedAt(), email.status().value().equals("queued") ? email.nextAttemptAt() : null,
                email.sentAt());
    }
}
