package dev.commercesuite.notification.service;

/** The Idempotency-Key was already used by this client for a different request. */
public class IdempotencyConflictException extends RuntimeException {

    public IdempotencyConflictException() {
        super("Idempotency-Key reused with a different request");
    }
}
