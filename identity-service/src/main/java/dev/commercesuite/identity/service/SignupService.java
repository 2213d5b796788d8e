package dev.commercesuite.identity.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.commercesuite.clients.notification.EmailMessage;
import dev.commercesuite.defaults.ids.UuidV7;
import dev.commercesuite.defaults.outbox.OutboxWriter;
import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.defaults.validation.EmailAddresses;
import dev.commercesuite.identity.domain.RequestOrigin;
import dev.commercesuite.identity.domain.Role;
import dev.commercesuite.identity.domain.Tenant;
import dev.commercesuite.identity.domain.User;
import dev.commercesuite.identity.repository.AuditEventRepository;
import dev.commercesuite.identity.repository.OneTimeTokenRepository;
import dev.commercesuite.identity.repository.TenantRepository;
import dev.commercesuite.identity.repository.UserRepository;
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

    /** A customer's sign-up as typed: the shop's slug, the address, the password and their name. */
    public record Signup(String tenant, String email, String password, String name) {
    }

    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final TenantRepository tenants;
    private final UserRepository users;
    private final OneTimeTokenRepository tokens;
    private final AuditEventRepository audit;
    private final ShopEmails emails;
    private final VerificationEmails verificationEmails;
    private final Clock clock;

    public SignupService(OutboxWriter outbox, ObjectMapper json, PasswordPolicy policy, PasswordHasher hasher,
            TenantRepository tenants, UserRepository users, OneTimeTokenRepository tokens,
            AuditEventRepository audit, ShopEmails emails, VerificationEmails verificationEmails, Clock clock) {
        super(outbox, json);
        this.policy = policy;
        this.hasher = hasher;
        this.tenants = tenants;
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
        this.emails = emails;
        this.verificationEmails = verificationEmails;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    public void signup(Signup request, RequestOrigin origin) {
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
        Optional<Tenant> tenant = tenants.findBySlug(request.tenant()).filter(Tenant::isActive);
        if (tenant.isEmpty()) {
            audit.record(null, null, "signup.unknown-tenant", origin, Map.of("tenant", request.tenant()));
            return;
        }
        UUID tenantId = tenant.get().id();
        String email = request.email();
        // the tenant's row lock orders concurrent sign-ups of one address: the second sees the first's account
        tenants.lock(tenantId);
        Optional<User> existing = users.findByEmail(tenantId, email);
        if (existing.isPresent()) {
            emails.send(EmailMessage.accountExists(email, tenantId.toString(), tenant.get().name()), tenant.get());
            audit.record(tenantId, existing.get().id().toString(), "signup.existing-account", origin, Map.of());
            return;
        }
        Instant now = clock.instant();
        User user = User.register(UuidV7.next(), tenantId, email, request.name(), request.passwordHash(),
                Role.CUSTOMER, now);
        users.add(user);
        verificationEmails.send(user, now);
        audit.record(tenantId, user.id().toString(), "signup", origin, Map.of());
    }

    /**
     * Uses a verification token once: the user is verified, welcomed, and the event audited. Answers the user's shop
     * (empty only if it was deleted meanwhile).
     */
    public Optional<Tenant> verifyEmail(String token, RequestOrigin origin) {
        if (!OneTimeTokens.isWellFormed(token)) {
            throw new InvalidTokenException(); // checked before any database work
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            User user = tokens.consume(OneTimeTokenRepository.Kind.VERIFICATION, OneTimeTokens.sha256(token), now)
                    .flatMap(users::findByIdOptional).orElseThrow(InvalidTokenException::new);
            user.markVerified(now);
            emails.send(EmailMessage.welcome(user.email(), user.tenantId().toString(), user.name()), user.tenantId());
            audit.record(user.tenantId(), user.id().toString(), "email.verified", origin, Map.of());
            return tenants.findByIdOptional(user.tenantId());
        });
    }

}
