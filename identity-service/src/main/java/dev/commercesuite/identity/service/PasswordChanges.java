package dev.commercesuite.identity.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.clients.notification.EmailMessage;
import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.identity.domain.RequestOrigin;
import dev.commercesuite.identity.domain.Tenant;
import dev.commercesuite.identity.domain.User;
import dev.commercesuite.identity.repository.AuditEventRepository;
import dev.commercesuite.identity.repository.RefreshTokenRepository;
import dev.commercesuite.identity.repository.TenantRepository;
import dev.commercesuite.identity.repository.UserRepository;
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

    /** A password change as asked for: the current password again, and the new one. */
    public record Change(String currentPassword, String newPassword) {
    }

    private final UserRepository users;
    private final TenantRepository tenants;
    private final RefreshTokenRepository refreshTokens;
    private final AuditEventRepository audit;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final ShopEmails emails;
    private final WrongPasswords wrongPasswords;
    private final Clock clock;

    public PasswordChanges(UserRepository users, TenantRepository tenants, RefreshTokenRepository refreshTokens,
            AuditEventRepository audit, PasswordHasher hasher, PasswordPolicy policy, ShopEmails emails,
            WrongPasswords wrongPasswords, Clock clock) {
        this.users = users;
        this.tenants = tenants;
        this.refreshTokens = refreshTokens;
        this.audit = audit;
        this.hasher = hasher;
        this.policy = policy;
        this.emails = emails;
        this.wrongPasswords = wrongPasswords;
        this.clock = clock;
    }

    /**
     * Changes the password of {@code userId} in {@code tenantId}, keeping session {@code currentSession} (may be
     * null); answers false when the user does not exist in that tenant.
     */
    public boolean change(UUID userId, UUID tenantId, UUID currentSession, Change change, RequestOrigin origin) {
        User account = users.findInTenant(userId, tenantId).orElse(null);
        if (account == null) {
            return false;
        }
        if (account.lockout().lockedAt(clock.instant())) {
            throw new InvalidRequestException(List.of(new Problem.FieldError("currentPassword",
                    "cannot be checked now: too many wrong passwords; try again in a few minutes")));
        }
        String current = PasswordPolicy.normalize(change.currentPassword());
        if (!hasher.verify(current, account.passwordHash()).matches()) {
            QuarkusTransaction.requiringNew().run(() -> users.lock(userId).ifPresent(
                    locked -> wrongPasswords.record(locked, clock.instant(), "password.change-refused", origin)));
            throw new InvalidRequestException(List.of(
                    new Problem.FieldError("currentPassword", "is not your current password")));
        }
        String newPassword = change.newPassword();
        String slug = tenants.findByIdOptional(tenantId).map(Tenant::slug).orElse("");
        List<Problem.FieldError> errors = new ArrayList<>(policy.check("newPassword", newPassword, account.email(), slug));
        if (PasswordPolicy.normalize(newPassword).equals(current)) {
            errors.add(new Problem.FieldError("newPassword", "must differ from your current password"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        String passwordHash = hasher.hash(PasswordPolicy.normalize(newPassword));
        QuarkusTransaction.requiringNew().run(() -> {
            users.lock(userId).ifPresent(user -> user.replacePassword(passwordHash));
            int revoked = currentSession == null ? refreshTokens.revokeFamiliesOf(userId, clock.instant())
                    : refreshTokens.revokeFamiliesOfExcept(userId, currentSession, clock.instant());
            emails.send(EmailMessage.passwordChanged(account.email(), tenantId.toString(), account.name()), tenantId);
            audit.record(tenantId, userId.toString(), "password.changed", origin,
                    Map.of("sessionsRevoked", revoked));
        });
        return true;
    }
}
