package dev.commercesuite.identity.service;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.clients.notification.EmailMessage;
import dev.commercesuite.identity.domain.Lockout;
import dev.commercesuite.identity.domain.RequestOrigin;
import dev.commercesuite.identity.domain.User;
import dev.commercesuite.identity.repository.AuditEventRepository;

/**
 * A wrong password against an account, from login or from a password change (guesses through either count together):
 * the user's {@link Lockout} counts it; it is audited, and when it starts a lockout that is audited too and the owner
 * gets an {@code account-locked} email (and the lockout is counted).
 */
@ApplicationScoped
public class WrongPasswords {

    private final AuditEventRepository audit;
    private final ShopEmails emails;
    private final LoginMeters meters;

    public WrongPasswords(AuditEventRepository audit, ShopEmails emails, LoginMeters meters) {
        this.audit = audit;
        this.emails = emails;
        this.meters = meters;
    }

    /** Call inside the transaction, with {@code user}'s row locked; {@code action} names the audit event. */
    void record(User user, Instant now, String action, RequestOrigin origin) {
        Lockout.Failure failure = user.lockout().recordFailure(now);
        String actor = user.id().toString();
        audit.record(user.tenantId(), actor, action, origin,
                Map.of("reason", "wrong-password", "failures", failure.failures()));
        if (failure.startedLockout()) {
            audit.record(user.tenantId(), actor, "account.locked", origin,
                    Map.of("until", failure.lockedUntil().toString()));
            emails.send(EmailMessage.accountLocked(user.email(), user.tenantId().toString(), user.name(),
                    failure.lockedFor().toMinutes()), user.tenantId());
            meters.lockout();
        }
    }
}
