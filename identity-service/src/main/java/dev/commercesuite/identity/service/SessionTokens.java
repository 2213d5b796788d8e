package dev.commercesuite.identity.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.identity.domain.Tier;
import dev.commercesuite.identity.domain.User;
import dev.commercesuite.identity.repository.RefreshTokenRepository;

/** Mints refresh tokens (only their digest stored) and issues a session's access token; login and refresh share it. */
@ApplicationScoped
public class SessionTokens {

    private final RefreshTokenRepository refreshTokens;
    private final AccessTokens accessTokens;

    public SessionTokens(RefreshTokenRepository refreshTokens, AccessTokens accessTokens) {
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
    }

    /** A new refresh token in {@code familyId}. Call inside the transaction that decides it. */
    String mintRefreshToken(UUID familyId, UUID userId, Instant now) {
        String token = OneTimeTokens.generate();
        refreshTokens.add(OneTimeTokens.sha256(token), familyId, userId, now);
        return token;
    }

    /** The session's access token, issued with {@code refreshToken} of family {@code familyId}. */
    Session issue(User user, Tier tier, String refreshToken, UUID familyId) {
        AccessTokens.IssuedToken token = accessTokens.forUser(user, tier, familyId);
        return new Session(token.accessToken(), refreshToken, token.expiresIn());
    }
}
