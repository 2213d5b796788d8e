package dev.commercesuite.order.domain;

import java.time.Duration;

/**
 * The payment provider cannot be asked right now (unreachable, failing, too slow, or its circuit breaker is open):
 * answered 503 {@code payment-provider-unavailable} with {@code Retry-After}. The message is for the log only and
 * never holds a key.
 */
public class PaymentProviderUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public PaymentProviderUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
