package dev.commercesuite.order.domain;

/**
 * An order cannot be cancelled because its payment is under way at the payment provider (a bank transfer or a debit
 * being processed): Stripe will not cancel it, and it may still succeed. Answered 409 {@code payment-in-progress}.
 */
public class PaymentInProgressException extends RuntimeException {

    public PaymentInProgressException() {
        super("the order's payment is being processed and cannot be cancelled", null, false, false);
    }
}
