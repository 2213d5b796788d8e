package dev.commercesuite.identity.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.clients.notification.NotificationEmails;
import dev.commercesuite.defaults.outbox.OutboxWriter;
import dev.commercesuite.defaults.validation.EmailAddresses;
import dev.commercesuite.identity.config.IdentityConfig;
import dev.commercesuite.identity.repository.IdentityRepository;
import dev.commercesuite.identity.repository.IdentityRepository.LoginAccount;
import dev.commercesuite.identity.repository.IdentityRepository.TenantRef;
import dev.commercesuite.identity.rest.LoginRequest;
import dev.commercesuite.identity.rest.LoginResponse;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.jwt.build.Jwt;

/**
 * Login. The password is verified outside any transaction (an unknown account costs a verification of a dummy
 * hash, so timing does not tell); then, with the account row locked, the lockout state is checked and updated: 5
 * failures within 15 minutes make the account wait 1 minute, doubling per further failure up to 15 minutes, and a
 * success clears it; the owner gets an {@code account-locked} email when a lockout starts. Every attempt is audited. Unverified accounts are told so only after a correct password.
 */
@ApplicationScoped
public class LoginService {

    static final int LOCKOUT_THRESHOLD = 5;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    static final Duration FIRST_WAIT = Duration.ofMinutes(1);
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(15);
    static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);

    private final IdentityRepository repository;
    private final PasswordHasher hasher;
    private final IdentityConfig config;
    private final OutboxWriter outbox;

    public LoginService(IdentityRepository repository, PasswordHasher hasher, IdentityConfig config,
            OutboxWriter outbox) {
        this.repository = repository;
        this.hasher = hasher;
        this.config = config;
        this.outbox = outbox;
    }

    public LoginResponse login(LoginRequest request, RequestOrigin origin) {
        String email = EmailAddresses.normalize(request.email());
        String password = PasswordPolicy.normalize(request.password());
        Optional<TenantRef> tenant = repository.findTenantBySlug(request.tenant());
        Optional<LoginAccount> account = tenant.flatMap(t -> repository.findAccountForLogin(t.id(), email));
        if (account.isEmpty()) {
            hasher.verifyAgainstDummy(password);
            // the same transaction shape as a known account's (the locked lookup finds nothing), so timing does not tell
            QuarkusTransaction.requiringNew().run(() -> {
                repository.lockAccountForLogin(tenant.map(TenantRef::id).orElse(null), email);
                repository.audit(tenant.map(TenantRef::id).orElse(null), null, "login.failure", origin,
                        Map.of("reason", "unknown-account"));
            });
            throw new InvalidCredentialsException();
        }
        PasswordHasher.Verification verification = hasher.verify(password, account.get().passwordHash());
        String upgradedHash = verification.needsRehash() ? hasher.hash(password) : null;
        boolean tenantActive = tenant.get().active();
        // the attempt is recorded (and committed) whatever its outcome; the answer follows from the outcome
        Outcome outcome = QuarkusTransaction.requiringNew().call(
                () -> settle(tenant.get().id(), email, verification.matches(), tenantActive, upgradedHash, origin));
        return switch (outcome.result()) {
            case SUCCESS -> issue(outcome.account(), outcome.refreshToken(), outcome.family());
            case UNVERIFIED -> throw new EmailNotVerifiedException();
            case REFUSED -> throw new InvalidCredentialsException();
        };
    }

    private enum Result {
        SUCCESS,
        UNVERIFIED,
        REFUSED
    }

    private record Outcome(Result result, LoginAccount account, String refreshToken, java.util.UUID family) {

        Outcome(Result result, LoginAccount account) {
            this(result, account, null, null);
        }
    }

    /** With the row locked: applies the lockout rules and records the attempt. */
    private Outcome settle(java.util.UUID tenantId, String email, boolean passwordMatches, boolean tenantActive,
            String upgradedHash, RequestOrigin origin) {
        Optional<LoginAccount> locked = repository.lockAccountForLogin(tenantId, email);
        if (locked.isEmpty()) {
            return new Outcome(Result.REFUSED, null); // deleted between the check and now
        }
        LoginAccount account = locked.get();
        Instant now = Instant.now();
        String actor = account.id().toString();
        if (isLocked(account, now)) {
            repository.audit(tenantId, actor, "login.locked", origin,
                    Map.of("until", account.lockedUntil().toString()));
            return new Outcome(Result.REFUSED, account);
        }
        if (!passwordMatches) {
            recordWrongPassword(account, now, "login.failure", origin);
            return new Outcome(Result.REFUSED, account);
        }
        if (!tenantActive) {
            repository.audit(tenantId, actor, "login.failure", origin, Map.of("reason", "tenant-suspended"));
            return new Outcome(Result.REFUSED, account);
        }
        repository.recordLoginSuccess(account.id(), upgradedHash);
        if (!account.verified()) {
            repository.audit(tenantId, actor, "login.unverified", origin, Map.of());
            return new Outcome(Result.UNVERIFIED, account);
        }
        repository.audit(tenantId, actor, "login.success", origin, Map.of("rehashed", upgradedHash != null));
        java.util.UUID family = java.util.UUID.randomUUID();
        return new Outcome(Result.SUCCESS, account, newRefreshToken(family, account.id()), family);
    }

    static boolean isLocked(LoginAccount account, Instant now) {
        return account.lockedUntil() != null && now.isBefore(account.lockedUntil());
    }

    /**
     * Counts a wrong password against {@code account} (read with its row locked, inside the caller's transaction):
     * the failure window, the lockout when the threshold is reached (audited, and the owner emailed) and an audit
     * event {@code action}. Login and password change share it, so guesses through either count together.
     */
    void recordWrongPassword(LoginAccount account, Instant now, String action, RequestOrigin origin) {
        java.util.UUID tenantId = account.tenantId();
        String actor = account.id().toString();
        boolean windowOpen = account.failureWindowStart() != null
                && now.isBefore(account.failureWindowStart().plus(FAILURE_WINDOW));
        int failures = windowOpen ? account.failedLogins() + 1 : 1;
        Instant windowStart = windowOpen ? account.failureWindowStart() : now;
        Instant lockedUntil = failures >= LOCKOUT_THRESHOLD ? now.plus(wait(failures)) : null;
        repository.recordLoginFailure(account.id(), failures, windowStart, lockedUntil);
        repository.audit(tenantId, actor, action, origin, Map.of("reason", "wrong-password", "failures", failures));
        if (failures == LOCKOUT_THRESHOLD) {
            repository.audit(tenantId, actor, "account.locked", origin, Map.of("until", lockedUntil.toString()));
            outbox.enqueue(NotificationEmails.NAME, Map.of("template", "account-locked",
                    "to", account.email(), "tenantId", tenantId.toString(),
                    "data", Map.of("name", account.name(), "minutes", wait(failures).toMinutes())));
        }
    }

    /** Mints a refresh token in {@code familyId}; only its digest is stored. Call inside the transaction. */
    String newRefreshToken(java.util.UUID familyId, java.util.UUID userId) {
        String token = OneTimeTokens.generate();
        repository.insertRefreshToken(OneTimeTokens.sha256(token), familyId, userId,
                Instant.now().plus(REFRESH_TOKEN_LIFETIME));
        return token;
    }

    /**
     * The access token for {@code account}, issued with {@code refreshToken} of session {@code family}; the token's
     * {@code sid} claim names the session, so "sign out my other sessions" knows which one to keep.
     */
    LoginResponse issue(LoginAccount account, String refreshToken, java.util.UUID family) {
        long lifetime = ACCESS_TOKEN_LIFETIME.toSeconds();
        String token = Jwt.issuer(config.tokens().issuer())
                .subject(account.id().toString())
                .upn(account.email())
                .groups(Set.of(account.role()))
                .claim("tenant", account.tenantId().toString())
                .claim("tier", account.tier())
                .claim("sid", family.toString())
                .expiresIn(lifetime)
                .jws().keyId(config.tokens().keyId())
                .sign();
        return new LoginResponse(token, refreshToken, lifetime, "Bearer");
    }

    /** 1 minute at the threshold, doubling per further failure, at most 15 minutes. */
    static Duration wait(int failures) {
        int doublings = Math.min(failures - LOCKOUT_THRESHOLD, 10);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

}
