package dev.commercesuite.identity.rest;

import dev.commercesuite.identity.service.Session;

/**
 * A successful login or refresh: a short-lived access token for the Authorization header and the refresh token that
 * gets the next one (single use: each refresh returns a new one).
 */
public record LoginResponse(String accessToken, String refreshToken, long expiresIn, String tokenType) {

    static LoginResponse of(Session session) {
        return new LoginResponse(session.accessToken(), session.refreshToken(), session.expiresIn(), "Bearer");
    }
}
