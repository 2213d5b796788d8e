package dev.commercesuite.identity.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.clients.notification.NotificationEmails;
import dev.commercesuite.defaults.outbox.OutboxWriter;
import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.identity.repository.IdentityRepository;
import dev.commercesuite.identity.repository.IdentityRepository.LoginAccount;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A signed-in user changes their password: the current one is verified again (a stolen access token alone is not
 * enough; wrong guesses count towards the same lockout as wrong logins, and a locked account cannot change its
 * password until the wait is over), the new one must pass the policy and differ from the current one; then every other
 * session of the user is revoked (the one the request came from stays), {@code password-changed} is sent, and the
 * change is audited.
 */
@ApplicationScoped
public class PasswordChanges {

    private final IdentityRepository repository;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final OutboxWriter outbox;
    private final LoginService logins;

    public PasswordChanges(IdentityRepository repository, PasswordHasher hasher, PasswordPolicy policy,
            OutboxWriter outbox, LoginService logins) {
        this.repository = repository;
        this.hasher = hasher;
        this.policy = policy;
        this.outbox = outbox;
        this.logins = logins;
    }

    /**
     * Changes the password of {@code userId} in {@code tenantId}, keeping session {@code currentSession} (may be
     * null); answers false when the user does not exist in that tenant.
     */
    public boolean change(UUID userId, UUID tenantId, UUID currentSession, String currentPassword, String newPassword,
            RequestOrigin origin) {
        LoginAccount account = repository.findAccountById(userId).filter(a -> a.tenantId().equals(tenantId))
                .orElse(null);
        if (account == null) {
            return false;
        }
        if (LoginService.isLocked(account, java.time.Instant.now())) {
            throw new InvalidRequestException(List.of(new Problem.FieldError("currentPassword",
                    "cannot be checked now: too many wrong passwords; try again in a few minutes")));
        }
        String current = PasswordPolicy.normalize(currentPassword);
        if (!hasher.verify(current, account.passwordHash()).matches()) {
            QuarkusTransaction.requiringNew().run(() -> repository.lockAccountForLogin(tenantId, account.email())
                    .ifPresent(locked -> logins.recordWrongPassword(locked, java.time.Instant.now(),
                            "password.change-refused", origin)));
            throw new InvalidRequestException(List.of(
                    new Problem.FieldError("currentPassword", "is not your current password")));
        }
        String slug = repository.findTenant(tenantId).map(IdentityRepository.Tenant::slug).orElse("");
        List<Problem.FieldError> errors = new ArrayList<>(policy.check("newPassword", newPassword, account.email(), slug));
        if (PasswordPolicy.normalize(newPassword).equals(current)) {
            errors.add(new Problem.FieldError("newPassword", "must differ from your current password"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        String passwordHash = hasher.hash(PasswordPolicy.normalize(newPassword));
        QuarkusTransaction.requiringNew().run(() -> {
            repository.replacePassword(userId, passwordHash);
            int revoked = repository.revokeFamiliesOf(userId, currentSession);
            outbox.enqueue(NotificationEmails.NAME, Map.of("template", "password-changed", "to", account.email(),
                    "tenantId", tenantId.toString(), "data", Map.of("name", account.name())));
            repository.audit(tenantId, userId.toString(), "password.changed", origin,
                    Map.of("sessionsRevoked", revoked));
        });
        return true;
    }
}
