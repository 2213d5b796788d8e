package dev.commercesuite.identity.rest;

/** A successful login: a short-lived access token for the Authorization header. */
public record LoginResponse(String accessToken, long expiresIn, String tokenType) {
}
