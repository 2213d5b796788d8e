package dev.commercesuite.order.service;

/** The {@code Idempotency-Key} was first used for a different request (another body, path or method). */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("Idempotency-Key reused for a different request");
    }
}
