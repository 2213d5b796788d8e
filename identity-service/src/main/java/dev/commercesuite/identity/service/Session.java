package dev.commercesuite.identity.service;

/** A signed-in session: the access token, its lifetime in seconds, and the refresh token that gets the next one. */
public record Session(String accessToken, String refreshToken, long expiresIn) {
}
