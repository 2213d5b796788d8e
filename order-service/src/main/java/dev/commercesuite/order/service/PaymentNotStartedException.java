package dev.commercesuite.order.service;

/** A payment was to be verified for an order that was never checked out: there is nothing to ask Stripe about. */
public class PaymentNotStartedException extends RuntimeException {

    public PaymentNotStartedException() {
        super("the order has no payment to verify: check it out first", null, false, false);
    }
}
