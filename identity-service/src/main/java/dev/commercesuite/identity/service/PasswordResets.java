package dev.commercesuite.identity.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.commercesuite.clients.notification.NotificationEmails;
import dev.commercesuite.defaults.outbox.OutboxWriter;
import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.identity.repository.IdentityRepository;
import dev.commercesuite.identity.repository.IdentityRepository.ResetTarget;
import dev.commercesuite.identity.repository.IdentityRepository.TenantRef;
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

    private final IdentityRepository repository;
    private final OutboxWriter outbox;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final TimeSource time;

    public PasswordResets(OutboxWriter outbox, ObjectMapper json, IdentityRepository repository,
            PasswordPolicy policy, PasswordHasher hasher, TimeSource time) {
        super(outbox, json);
        this.repository = repository;
        this.outbox = outbox;
        this.policy = policy;
        this.hasher = hasher;
        this.time = time;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected void handle(Request request, RequestOrigin origin) {
        String email = request.email();
        Optional<TenantRef> tenant = repository.findTenantBySlug(request.tenant()).filter(TenantRef::active);
        Optional<IdentityRepository.UserRef> user = tenant.flatMap(t -> repository.findUser(t.id(), email));
        if (user.isEmpty()) {
            repository.audit(tenant.map(TenantRef::id).orElse(null), null, "password-reset.ignored", origin, Map.of());
            return;
        }
        UUID tenantId = tenant.get().id();
        UUID userId = user.get().id();
        Instant now = time.now();
        // the user's row lock orders concurrent requests, so the cap counts each of them
        repository.lockUser(userId);
        if (repository.countResetTokensSince(userId, now.minus(Duration.ofHours(1))) >= MAX_EMAILS_PER_HOUR) {
            repository.audit(tenantId, userId.toString(), "password-reset.capped", origin, Map.of());
            return;
        }
        String token = OneTimeTokens.generate();
        repository.replaceResetToken(userId, OneTimeTokens.sha256(token), now, now.plus(TOKEN_LIFETIME));
        outbox.enqueue(NotificationEmails.NAME, Map.of("template", "password-reset", "to", email,
                "tenantId", tenantId.toString(), "data", Map.of("name", user.get().name(), "token", token)));
        repository.audit(tenantId, userId.toString(), "password-reset.requested", origin, Map.of());
    }

    /** Sets a new password with a reset token; the token is used up only when the password is accepted. */
    public void reset(String token, String newPassword, RequestOrigin origin) {
        if (!OneTimeTokens.isWellFormed(token)) {
            throw new InvalidTokenException(); // checked before any database work
        }
        byte[] digest = OneTimeTokens.sha256(token);
        ResetTarget target = repository.findResetTarget(digest, time.now()).orElseThrow(InvalidTokenException::new);
        List<Problem.FieldError> errors = policy.check("password", newPassword, target.email(), target.tenantSlug());
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        String passwordHash = hasher.hash(PasswordPolicy.normalize(newPassword));
        QuarkusTransaction.requiringNew().run(() -> {
            UUID userId = repository.consumeResetToken(digest, time.now()).orElseThrow(InvalidTokenException::new);
            repository.replacePassword(userId, passwordHash);
            repository.markVerified(userId);
            int revoked = repository.revokeFamiliesOf(userId, null);
            outbox.enqueue(NotificationEmails.NAME, Map.of("template", "password-changed", "to", target.email(),
                    "tenantId", target.tenantId().toString(), "data", Map.of("name", target.name())));
            repository.audit(target.tenantId(), userId.toString(), "password.reset", origin,
                    Map.of("sessionsRevoked", revoked));
        });
    }
}
