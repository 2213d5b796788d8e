package dev.commercesuite.identity.service;

/** A refresh token that is malformed, unknown, expired, revoked or already used: all answered the same way. */
public class InvalidRefreshTokenException extends RuntimeException {

    public InvalidRefreshTokenException() {
        super("invalid refresh token");
    }
}
