package dev.commercesuite.identity.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.clients.notification.NotificationEmails;
import dev.commercesuite.defaults.outbox.OutboxWriter;
import dev.commercesuite.identity.repository.IdentityRepository;

/**
 * Issues an email-verification link: a fresh 256-bit token (only its SHA-256 stored, 24 h, voiding the user's older
 * ones) and the {@code verify-email} message in the outbox. Call inside the transaction that needs it.
 */
@ApplicationScoped
public class VerificationEmails {

    static final Duration TOKEN_LIFETIME = Duration.ofHours(24);

    private final IdentityRepository repository;
    private final OutboxWriter outbox;

    public VerificationEmails(IdentityRepository repository, OutboxWriter outbox) {
        this.repository = repository;
        this.outbox = outbox;
    }

    public void send(UUID userId, UUID tenantId, String email, String name) {
        String token = OneTimeTokens.generate();
        repository.replaceVerificationToken(userId, OneTimeTokens.sha256(token), Instant.now().plus(TOKEN_LIFETIME));
        outbox.enqueue(NotificationEmails.NAME, Map.of("template", "verify-email", "to", email,
                "tenantId", tenantId.toString(), "data", Map.of("name", name, "token", token)));
    }
}
