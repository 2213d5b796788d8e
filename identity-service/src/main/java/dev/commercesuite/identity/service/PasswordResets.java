package dev.commercesuite.identity.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.commercesuite.clients.notification.EmailMessage;
import dev.commercesuite.defaults.outbox.OutboxWriter;
import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.identity.domain.RequestOrigin;
import dev.commercesuite.identity.domain.Tenant;
import dev.commercesuite.identity.domain.User;
import dev.commercesuite.identity.repository.AuditEventRepository;
import dev.commercesuite.identity.repository.OneTimeTokenRepository;
import dev.commercesuite.identity.repository.RefreshTokenRepository;
import dev.commercesuite.identity.repository.TenantRepository;
import dev.commercesuite.identity.repository.UserRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Forgotten passwords. "I forgot my password" ({@value #NAME}) is deferred like a verification resend, so every
 * address gets the same answer in the same time; when the relay hands it back, a user of an active shop gets a reset
 * link (256-bit token, only its SHA-256 stored, 1 hour, single use, voiding older ones), at most
 * {@value #MAX_EMAILS_PER_HOUR} per hour; further requests send nothing and are audited. Using the link consumes the
 * token in one statement, sets the new password (policy applied), revokes every session of the user, clears the
 * lockout, marks the address verified (the link proved it) and sends {@code password-changed}.
 */
@Singleton
public class PasswordResets extends DeferredAccountRequests {

    public static final String NAME = "identity.forgot-password";
    static final int MAX_EMAILS_PER_HOUR = 3;
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final OneTimeTokenRepository.Kind RESET = OneTimeTokenRepository.Kind.PASSWORD_RESET;

    private final TenantRepository tenants;
    private final UserRepository users;
    private final OneTimeTokenRepository tokens;
    private final RefreshTokenRepository refreshTokens;
    private final AuditEventRepository audit;
    private final ShopEmails emails;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Clock clock;

    public PasswordResets(OutboxWriter outbox, ObjectMapper json, TenantRepository tenants, UserRepository users,
            OneTimeTokenRepository tokens, RefreshTokenRepository refreshTokens, AuditEventRepository audit,
            ShopEmails emails, PasswordPolicy policy, PasswordHasher hasher, Clock clock) {
        super(outbox, json);
        this.tenants = tenants;
        this.users = users;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.audit = audit;
        this.emails = emails;
        this.policy = policy;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected void handle(Request request, RequestOrigin origin) {
        String email = request.email();
        Optional<Tenant> tenant = tenants.findBySlug(request.tenant()).filter(Tenant::isActive);
        Optional<User> found = tenant.flatMap(t -> users.findByEmail(t.id(), email));
        if (found.isEmpty()) {
            audit.record(tenant.map(Tenant::id).orElse(null), null, "password-reset.ignored", origin, Map.of());
            return;
        }
        UUID tenantId = tenant.get().id();
        // the user's row lock orders concurrent requests, so the cap counts each of them
        User user = users.lock(found.get().id()).orElseThrow();
        Instant now = clock.instant();
        if (tokens.countIssuedSince(RESET, user.id(), now.minus(Duration.ofHours(1))) >= MAX_EMAILS_PER_HOUR) {
            audit.record(tenantId, user.id().toString(), "password-reset.capped", origin, Map.of());
            return;
        }
        String token = OneTimeTokens.generate();
        tokens.replace(RESET, user.id(), OneTimeTokens.sha256(token), now, now.plus(TOKEN_LIFETIME));
        emails.send(EmailMessage.passwordReset(email, tenantId.toString(), user.name(), token), tenant.get());
        audit.record(tenantId, user.id().toString(), "password-reset.requested", origin, Map.of());
    }

    /** Whose password a live reset token of an active shop would set. */
    private record ResetTarget(User user, Tenant tenant) {
    }

    /**
     * The shop whose user a live reset token of an active shop belongs to, without using the token up (the reset
     * page names the shop before the new password is sent); empty for any token that could not reset a password.
     */
    public Optional<Tenant> shopOf(String token) {
        return OneTimeTokens.isWellFormed(token) ? target(OneTimeTokens.sha256(token)).map(ResetTarget::tenant)
                : Optional.empty();
    }

    private Optional<ResetTarget> target(byte[] digest) {
        return tokens.findLive(RESET, digest, clock.instant())
                .flatMap(users::findByIdOptional)
                .flatMap(user -> tenants.findByIdOptional(user.tenantId()).filter(Tenant::isActive)
                        .map(tenant -> new ResetTarget(user, tenant)));
    }

    /**
     * Sets a new password with a reset token; the token is used up only when the password is accepted. Answers the
     * shop whose user it was.
     */
    public Tenant reset(String token, String newPassword, RequestOrigin origin) {
        if (!OneTimeTokens.isWellFormed(token)) {
            throw new InvalidTokenException(); // checked before any database work
        }
        byte[] digest = OneTimeTokens.sha256(token);
        ResetTarget target = target(digest).orElseThrow(InvalidTokenException::new);
        String email = target.user().email();
        List<Problem.FieldError> errors = policy.check("password", newPassword, email, target.tenant().slug());
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        String passwordHash = hasher.hash(PasswordPolicy.normalize(newPassword));
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = clock.instant();
            User user = tokens.consume(RESET, digest, now).flatMap(users::lock)
                    .orElseThrow(InvalidTokenException::new);
            user.replacePassword(passwordHash);
            user.markVerified(now);
            int revoked = refreshTokens.revokeFamiliesOf(user.id(), now);
            emails.send(EmailMessage.passwordChanged(email, target.tenant().id().toString(), target.user().name()),
                    target.tenant());
            audit.record(target.tenant().id(), user.id().toString(), "password.reset", origin,
                    Map.of("sessionsRevoked", revoked));
        });
        return target.tenant();
    }
}
