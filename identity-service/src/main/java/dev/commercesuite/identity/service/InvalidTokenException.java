package dev.commercesuite.identity.service;

/** A one-time token that is malformed, unknown, used or expired: all answered the same way. */
public class InvalidTokenException extends RuntimeException {

    public InvalidTokenException() {
        super("invalid or expired token");
    }
}
