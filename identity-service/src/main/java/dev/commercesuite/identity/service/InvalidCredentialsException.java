package dev.commercesuite.identity.service;

/** Every credential failure, whatever its cause (unknown shop or address, wrong password, locked account). */
public class InvalidCredentialsException extends RuntimeException {

    public InvalidCredentialsException() {
        super("invalid credentials");
    }
}
