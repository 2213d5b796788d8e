package dev.commercesuite.order.domain;

/** A correctly signed webhook delivery that is not an event the payment provider's rules can be applied to. */
public class UnreadablePaymentEventException extends RuntimeException {

    public UnreadablePaymentEventException(String message) {
        super(message, null, false, false);
    }
}
