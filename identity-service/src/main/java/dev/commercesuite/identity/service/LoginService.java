package dev.commercesuite.identity.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.defaults.validation.EmailAddresses;
import dev.commercesuite.identity.domain.RequestOrigin;
import dev.commercesuite.identity.domain.Tenant;
import dev.commercesuite.identity.domain.User;
import dev.commercesuite.identity.repository.AuditEventRepository;
import dev.commercesuite.identity.repository.TenantRepository;
import dev.commercesuite.identity.repository.UserRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Login. The password is verified outside any transaction (an unknown account costs a verification of a dummy
 * hash, so timing does not tell); then, with the account row locked, the user's lockout is checked and updated (the
 * rules are {@link dev.commercesuite.identity.domain.Lockout}'s) and the attempt audited and counted
 * ({@link LoginMeters}), whatever its outcome.
 * Unverified accounts are told so only after a correct password.
 */
@ApplicationScoped
public class LoginService {

    /** What a login presents: the shop's slug, the address and the password, as typed. */
    public record Credentials(String tenant, String email, String password) {
    }

    private final TenantRepository tenants;
    private final UserRepository users;
    private final AuditEventRepository audit;
    private final PasswordHasher hasher;
    private final WrongPasswords wrongPasswords;
    private final SessionTokens sessions;
    private final LoginMeters meters;
    private final Clock clock;

    public LoginService(TenantRepository tenants, UserRepository users, AuditEventRepository audit,
            PasswordHasher hasher, WrongPasswords wrongPasswords, SessionTokens sessions, LoginMeters meters,
            Clock clock) {
        this.tenants = tenants;
        this.users = users;
        this.audit = audit;
        this.hasher = hasher;
        this.wrongPasswords = wrongPasswords;
        this.sessions = sessions;
        this.meters = meters;
        this.clock = clock;
    }

    public Session login(Credentials credentials, RequestOrigin origin) {
        String email = EmailAddresses.normalize(credentials.email());
        String password = PasswordPolicy.normalize(credentials.password());
        Optional<Tenant> tenant = tenants.findBySlug(credentials.tenant());
        UUID tenantId = tenant.map(Tenant::id).orElse(null);
        Optional<User> account = tenant.flatMap(t -> users.findByEmail(t.id(), email));
        if (account.isEmpty()) {
            hasher.verifyAgainstDummy(password);
            // the same transaction shape as a known account's (the locked lookup finds nothing), so timing does not tell
            QuarkusTransaction.requiringNew().run(() -> {
                users.lockByEmail(tenantId, email);
                audit.record(tenantId, null, "login.failure", origin, Map.of("reason", "unknown-account"));
                meters.login(LoginMeters.Outcome.UNKNOWN_ACCOUNT);
            });
            throw new InvalidCredentialsException();
        }
        PasswordHasher.Verification verification = hasher.verify(password, account.get().passwordHash());
        String upgradedHash = verification.needsRehash() ? hasher.hash(password) : null;
        boolean tenantActive = tenant.get().isActive();
        // the attempt is recorded (and committed) whatever its outcome; the answer follows from the outcome
        Outcome outcome = QuarkusTransaction.requiringNew().call(
                () -> settle(tenantId, email, verification.matches(), tenantActive, upgradedHash, origin));
        return switch (outcome.result()) {
            case SUCCESS -> sessions.issue(outcome.user(), tenant.get().tier(), outcome.refreshToken(),
                    outcome.family());
            case UNVERIFIED -> throw new EmailNotVerifiedException();
            case REFUSED -> throw new InvalidCredentialsException();
        };
    }

    private enum Result {
        SUCCESS,
        UNVERIFIED,
        REFUSED
    }

    private record Outcome(Result result, User user, String refreshToken, UUID family) {

        static final Outcome REFUSED = new Outcome(Result.REFUSED, null, null, null);
    }

    /** With the row locked: applies the lockout and records the attempt. */
    private Outcome settle(UUID tenantId, String email, boolean passwordMatches, boolean tenantActive,
            String upgradedHash, RequestOrigin origin) {
        Optional<User> locked = users.lockByEmail(tenantId, email);
        if (locked.isEmpty()) {
            meters.login(LoginMeters.Outcome.UNKNOWN_ACCOUNT);
            return Outcome.REFUSED; // deleted between the check and now
        }
        User user = locked.get();
        Instant now = clock.instant();
        String actor = user.id().toString();
        if (user.lockout().lockedAt(now)) {
            audit.record(tenantId, actor, "login.locked", origin,
                    Map.of("until", user.lockout().lockedUntil().toString()));
            meters.login(LoginMeters.Outcome.LOCKED);
            return Outcome.REFUSED;
        }
        if (!passwordMatches) {
            wrongPasswords.record(user, now, "login.failure", origin);
            meters.login(LoginMeters.Outcome.WRONG_PASSWORD);
            return Outcome.REFUSED;
        }
        if (!tenantActive) {
            audit.record(tenantId, actor, "login.failure", origin, Map.of("reason", "tenant-suspended"));
            meters.login(LoginMeters.Outcome.SUSPENDED);
            return Outcome.REFUSED;
        }
        user.loginSucceeded(upgradedHash);
        if (!user.isVerified()) {
            audit.record(tenantId, actor, "login.unverified", origin, Map.of());
            meters.login(LoginMeters.Outcome.UNVERIFIED);
            return new Outcome(Result.UNVERIFIED, user, null, null);
        }
        audit.record(tenantId, actor, "login.success", origin, Map.of("rehashed", upgradedHash != null));
        meters.login(LoginMeters.Outcome.SUCCESS);
        UUID family = UUID.randomUUID();
        return new Outcome(Result.SUCCESS, user, sessions.mintRefreshToken(family, user.id(), now), family);
    }
}
