package dev.commercesuite.identity.service;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.clients.notification.EmailMessage;
import dev.commercesuite.identity.domain.User;
import dev.commercesuite.identity.repository.OneTimeTokenRepository;

/**
 * Issues an email-verification link: a fresh 256-bit token (only its SHA-256 stored, 24 h, voiding the user's older
 * ones) and the {@code verify-email} message in the outbox. Call inside the transaction that needs it.
 */
@ApplicationScoped
public class VerificationEmails {

    static final Duration TOKEN_LIFETIME = Duration.ofHours(24);

    private final OneTimeTokenRepository tokens;
    private final ShopEmails emails;

    public VerificationEmails(OneTimeTokenRepository tokens, ShopEmails emails) {
        this.tokens = tokens;
        this.emails = emails;
    }

    public void send(User user, Instant now) {
        String token = OneTimeTokens.generate();
        tokens.replace(OneTimeTokenRepository.Kind.VERIFICATION, user.id(), OneTimeTokens.sha256(token), now,
                now.plus(TOKEN_LIFETIME));
        emails.send(EmailMessage.verifyEmail(user.email(), user.tenantId().toString(), user.name(), token),
                user.tenantId());
    }
}
