package dev.commercesuite.identity.service;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.identity.repository.IdentityRepository;
import dev.commercesuite.identity.repository.IdentityRepository.LoginAccount;
import dev.commercesuite.identity.repository.IdentityRepository.RefreshToken;
import dev.commercesuite.identity.rest.LoginResponse;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Refresh-token rotation: each use returns a new access token and a new refresh token of the same family and retires
 * the one presented. Presenting a retired token again means it leaked (or was stolen and used): the whole family is
 * revoked, so both the thief's and the owner's copies stop working, and the event is audited.
 */
@ApplicationScoped
public class RefreshService {

    private final IdentityRepository repository;
    private final LoginService logins;

    public RefreshService(IdentityRepository repository, LoginService logins) {
        this.repository = repository;
        this.logins = logins;
    }

    public LoginResponse refresh(String presented, RequestOrigin origin) {
        if (!OneTimeTokens.isWellFormed(presented)) {
            throw new InvalidRefreshTokenException();
        }
        Rotation rotation = QuarkusTransaction.requiringNew().call(() -> rotate(OneTimeTokens.sha256(presented), origin));
        if (rotation.account() == null) {
            throw new InvalidRefreshTokenException();
        }
        return logins.issue(rotation.account(), rotation.nextToken(), rotation.family());
    }

    /** Revokes the family of the presented token, if it is one; answers the same either way. */
    public void logout(String presented, RequestOrigin origin) {
        if (!OneTimeTokens.isWellFormed(presented)) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> repository.lockRefreshToken(OneTimeTokens.sha256(presented))
                .ifPresent(token -> {
                    repository.revokeFamily(token.familyId());
                    repository.audit(null, token.userId().toString(), "logout", origin, Map.of());
                }));
    }

    private record Rotation(LoginAccount account, String nextToken, java.util.UUID family) {

        static final Rotation REFUSED = new Rotation(null, null, null);
    }

    private Rotation rotate(byte[] digest, RequestOrigin origin) {
        Optional<RefreshToken> found = repository.lockRefreshToken(digest);
        if (found.isEmpty()) {
            return Rotation.REFUSED;
        }
        RefreshToken token = found.get();
        if (token.revoked() || token.expiresAt().isBefore(Instant.now())) {
            return Rotation.REFUSED;
        }
        if (token.rotated()) {
            repository.revokeFamily(token.familyId());
            repository.audit(null, token.userId().toString(), "refresh.reuse-detected", origin,
                    Map.of("family", token.familyId().toString()));
            return Rotation.REFUSED;
        }
        Optional<LoginAccount> account = repository.findAccountById(token.userId());
        if (account.isEmpty() || !account.get().verified()) {
            return Rotation.REFUSED;
        }
        repository.markRotated(digest);
        String next = logins.newRefreshToken(token.familyId(), token.userId());
        repository.audit(account.get().tenantId(), token.userId().toString(), "refresh", origin, Map.of());
        return new Rotation(account.get(), next, token.familyId());
    }
}
