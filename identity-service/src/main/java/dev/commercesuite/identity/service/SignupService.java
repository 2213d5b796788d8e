package dev.commercesuite.identity.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.commercesuite.clients.notification.NotificationEmails;
import dev.commercesuite.defaults.ids.UuidV7;
import dev.commercesuite.defaults.outbox.OutboxWriter;
import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.defaults.validation.EmailAddresses;
import dev.commercesuite.identity.repository.IdentityRepository;
import dev.commercesuite.identity.repository.IdentityRepository.TenantRef;
import dev.commercesuite.identity.rest.SignupRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Customer sign-up and email verification. Sign-up never tells whether an address already has an account, not even
 * by its timing: every valid request costs one Argon2id hash and one outbox message ({@value #NAME}) and gets the same
 * answer; the account is created when the relay hands the message back. A taken address then gets an
 * {@code account-exists} email instead of a second account; an unknown or suspended shop gets nothing.
 */
@Singleton
public class SignupService extends DeferredAccountRequests {

    public static final String NAME = "identity.signup";

    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final IdentityRepository repository;
    private final OutboxWriter outbox;
    private final VerificationEmails verificationEmails;

    public SignupService(OutboxWriter outbox, ObjectMapper json, PasswordPolicy policy, PasswordHasher hasher,
            IdentityRepository repository, VerificationEmails verificationEmails) {
        super(outbox, json);
        this.policy = policy;
        this.hasher = hasher;
        this.repository = repository;
        this.outbox = outbox;
        this.verificationEmails = verificationEmails;
    }

    @Override
    public String name() {
        return NAME;
    }

    public void signup(SignupRequest request, RequestOrigin origin) {
        String email = EmailAddresses.normalize(request.email());
        List<Problem.FieldError> errors = policy.checkNewAccount("email", email, "password", request.password(),
                request.tenant());
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        String passwordHash = hasher.hash(PasswordPolicy.normalize(request.password()));
        enqueue(new Request(request.tenant(), email, request.name().strip(), passwordHash, origin.ip(),
                origin.userAgent(), origin.requestId()));
    }

    @Override
    protected void handle(Request request, RequestOrigin origin) {
        Optional<TenantRef> tenant = repository.findTenantBySlug(request.tenant()).filter(TenantRef::active);
        if (tenant.isEmpty()) {
            repository.audit(null, null, "signup.unknown-tenant", origin, Map.of("tenant", request.tenant()));
            return;
        }
        UUID tenantId = tenant.get().id();
        String email = request.email();
        // the tenant's row lock orders concurrent sign-ups of one address: the second sees the first's account
        repository.lockTenant(tenantId);
        Optional<UUID> existing = repository.findUserId(tenantId, email);
        if (existing.isPresent()) {
            outbox.enqueue(NotificationEmails.NAME, Map.of("template", "account-exists", "to", email,
                    "tenantId", tenantId.toString(), "data", Map.of("shopName", request.tenant())));
            repository.audit(tenantId, existing.get().toString(), "signup.existing-account", origin, Map.of());
            return;
        }
        UUID userId = UuidV7.next();
        repository.insertUser(userId, tenantId, email, request.name(), request.passwordHash(), "customer",
                Instant.now());
        verificationEmails.send(userId, tenantId, email, request.name());
        repository.audit(tenantId, userId.toString(), "signup", origin, Map.of());
    }

    /** Uses a verification token once: the user is verified, welcomed, and the event audited. */
    public void verifyEmail(String token, RequestOrigin origin) {
        if (!OneTimeTokens.isWellFormed(token)) {
            throw new InvalidTokenException(); // checked before any database work
        }
        QuarkusTransaction.requiringNew().run(() -> {
            UUID userId = repository.consumeVerificationToken(OneTimeTokens.sha256(token))
                    .orElseThrow(InvalidTokenException::new);
            IdentityRepository.VerifiedUser user = repository.markVerified(userId).orElseThrow(InvalidTokenException::new);
            outbox.enqueue(NotificationEmails.NAME, Map.of("template", "welcome", "to", user.email(),
                    "tenantId", user.tenantId().toString(), "data", Map.of("name", user.name())));
            repository.audit(user.tenantId(), userId.toString(), "email.verified", origin, Map.of());
        });
    }

}
