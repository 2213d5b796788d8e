package dev.commercesuite.identity.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.identity.domain.RefreshToken;
import dev.commercesuite.identity.domain.RequestOrigin;
import dev.commercesuite.identity.domain.Tenant;
import dev.commercesuite.identity.domain.User;
import dev.commercesuite.identity.repository.AuditEventRepository;
import dev.commercesuite.identity.repository.RefreshTokenRepository;
import dev.commercesuite.identity.repository.TenantRepository;
import dev.commercesuite.identity.repository.UserRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Refresh-token rotation: each use returns a new access token and a new refresh token of the same family and retires
 * the one presented. Presenting a retired token again means it leaked (or was stolen and used): the whole family is
 * revoked, so both the thief's and the owner's copies stop working, and the event is audited (the rule is
 * {@link RefreshToken#presentedAt}).
 */
@ApplicationScoped
public class RefreshService {

    private final RefreshTokenRepository refreshTokens;
    private final UserRepository users;
    private final TenantRepository tenants;
    private final AuditEventRepository audit;
    private final SessionTokens sessions;
    private final Clock clock;

    public RefreshService(RefreshTokenRepository refreshTokens, UserRepository users, TenantRepository tenants,
            AuditEventRepository audit, SessionTokens sessions, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.tenants = tenants;
        this.audit = audit;
        this.sessions = sessions;
        this.clock = clock;
    }

    public Session refresh(String presented, RequestOrigin origin) {
        if (!OneTimeTokens.isWellFormed(presented)) {
            throw new InvalidRefreshTokenException();
        }
        Rotation rotation = QuarkusTransaction.requiringNew().call(() -> rotate(OneTimeTokens.sha256(presented), origin));
        if (rotation.user() == null) {
            throw new InvalidRefreshTokenException();
        }
        return sessions.issue(rotation.user(), rotation.tenant().tier(), rotation.nextToken(), rotation.family());
    }

    /** Revokes the family of the presented token, if it is one; answers the same either way. */
    public void logout(String presented, RequestOrigin origin) {
        if (!OneTimeTokens.isWellFormed(presented)) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> refreshTokens.lock(OneTimeTokens.sha256(presented))
                .ifPresent(token -> {
                    refreshTokens.revokeFamily(token.familyId(), clock.instant());
                    audit.record(null, token.userId().toString(), "logout", origin, Map.of());
                }));
    }

    private record Rotation(User user, Tenant tenant, String nextToken, UUID family) {

        static final Rotation REFUSED = new Rotation(null, null, null, null);
    }

    private Rotation rotate(byte[] digest, RequestOrigin origin) {
        Optional<RefreshToken> found = refreshTokens.lock(digest);
        if (found.isEmpty()) {
            return Rotation.REFUSED;
        }
        RefreshToken token = found.get();
        Instant now = clock.instant();
        switch (token.presentedAt(now)) {
            case REFUSE:
                return Rotation.REFUSED;
            case REVOKE_FAMILY:
                refreshTokens.revokeFamily(token.familyId(), now);
                audit.record(null, token.userId().toString(), "refresh.reuse-detected", origin,
                        Map.of("family", token.familyId().toString()));
                return Rotation.REFUSED;
            case ROTATE:
            default:
                break;
        }
        Optional<User> user = users.findByIdOptional(token.userId()).filter(User::isVerified);
        Optional<Tenant> tenant = user.flatMap(u -> tenants.findByIdOptional(u.tenantId())).filter(Tenant::isActive);
        if (tenant.isEmpty()) {
            return Rotation.REFUSED;
        }
        refreshTokens.markRotated(digest, now);
        String next = sessions.mintRefreshToken(token.familyId(), token.userId(), now);
        audit.record(tenant.get().id(), token.userId().toString(), "refresh", origin, Map.of());
        return new Rotation(user.get(), tenant.get(), next, token.familyId());
    }
}
