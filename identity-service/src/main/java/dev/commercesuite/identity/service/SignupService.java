package dev.commercesuite.identity.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.defaults.ids.UuidV7;
import dev.commercesuite.defaults.outbox.NotificationEmails;
import dev.commercesuite.defaults.outbox.OutboxWriter;
import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.defaults.validation.EmailAddresses;
import dev.commercesuite.identity.repository.IdentityRepository;
import dev.commercesuite.identity.repository.IdentityRepository.TenantRef;
import dev.commercesuite.identity.rest.SignupRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Customer sign-up and email verification. Sign-up never tells whether an address already has an account: every
 * path answers the same and does the same expensive work (one Argon2id hash, one outbox write or audit event); a
 * taken address gets an {@code account-exists} email instead of a second account.
 */
@ApplicationScoped
public class SignupService {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final IdentityRepository repository;
    private final OutboxWriter outbox;
    private final VerificationEmails verificationEmails;

    public SignupService(PasswordPolicy policy, PasswordHasher hasher, IdentityRepository repository,
            OutboxWriter outbox, VerificationEmails verificationEmails) {
        this.policy = policy;
        this.hasher = hasher;
        this.repository = repository;
        this.outbox = outbox;
        this.verificationEmails = verificationEmails;
    }

    public void signup(SignupRequest request, RequestOrigin origin) {
        String email = EmailAddresses.normalize(request.email());
        List<Problem.FieldError> errors = policy.checkNewAccount("email", email, "password", request.password(),
                request.tenant());
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        String passwordHash = hasher.hash(PasswordPolicy.normalize(request.password()));
        try {
            QuarkusTransaction.requiringNew().run(() -> register(request, email, passwordHash, origin));
        } catch (RuntimeException e) {
            if (!isDuplicate(e)) {
                throw e;
            }
            // a concurrent sign-up with the same address won: that account exists, and this answer is the same
        }
    }

    private void register(SignupRequest request, String email, String passwordHash, RequestOrigin origin) {
        Optional<TenantRef> tenant = repository.findTenantBySlug(request.tenant()).filter(TenantRef::active);
        if (tenant.isEmpty()) {
            repository.audit(null, null, "signup.unknown-tenant", origin, Map.of("tenant", request.tenant()));
            return;
        }
        UUID tenantId = tenant.get().id();
        Optional<UUID> existing = repository.findUserId(tenantId, email);
        if (existing.isPresent()) {
            outbox.enqueue(NotificationEmails.NAME, Map.of("template", "account-exists", "to", email,
                    "tenantId", tenantId.toString(), "data", Map.of("shopName", request.tenant())));
            repository.audit(tenantId, existing.get().toString(), "signup.existing-account", origin, Map.of());
            return;
        }
        UUID userId = UuidV7.next();
        Instant now = Instant.now();
        repository.insertUser(userId, tenantId, email, request.name().strip(), passwordHash, "customer", now);
        verificationEmails.send(userId, tenantId, email, request.name().strip());
        repository.audit(tenantId, userId.toString(), "signup", origin, Map.of());
    }

    /** Uses a verification token once: the user is verified, welcomed, and the event audited. */
    public void verifyEmail(String token, RequestOrigin origin) {
        if (token == null || !TOKEN.matcher(token).matches()) {
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

    private static boolean isDuplicate(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

}
