package dev.commercesuite.order.service;

import java.time.Duration;

/** The request that first used this {@code Idempotency-Key} is still being worked on; retry after a while. */
public class IdempotencyKeyInUseException extends RuntimeException {

    private final Duration retryAfter;

    public IdempotencyKeyInUseException(Duration retryAfter) {
        super("the first request with this Idempotency-Key is still running");
        this.retryAfter = retryAfter;
    }

    /** How long to wait before trying again (at least a second). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
