package dev.commercesuite.order.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the payment provider says about one payment of an order (a Stripe PaymentIntent), as the order judges it:
 * its id, where it stands, the amount actually received, its currency and the order and shop its metadata names (as
 * sent, unparsed: a payment that names something else is a mismatch, not an error).
 */
public record PaymentReport(String intentId, State state, long amountReceived, String currency, String orderId,
        String tenantId, String failureCode, String declineCode) {

    /** Where a payment stands. */
    public enum State {
        /** The money was received. */
        SUCCEEDED,
        /** The last attempt failed (a declined card); the customer may try again. */
        FAILED,
        /** Not finished: waiting for the customer, or being processed. */
        OPEN,
        /** Cancelled: it can no longer be paid. */
        CANCELED
    }

    public PaymentReport {
        Objects.requireNonNull(intentId, "intentId");
        Objects.requireNonNull(state, "state");
    }

    /**
     * What of this payment does not match {@code order}: {@code order} (its metadata names another order),
     * {@code shop}, {@code payment-intent} (the order was checked out with another one), {@code currency},
     * {@code amount} (received differs from the order's total). Empty when it is the order's payment in full.
     */
    public List<String> mismatches(Order order) {
        List<String> mismatches = new ArrayList<>();
        if (!order.id().toString().equals(orderId)) {
            mismatches.add("order");
        }
        if (!order.tenantId().toString().equals(tenantId)) {
            mismatches.add("shop");
        }
        if (order.paymentIntentId() != null && !order.paymentIntentId().equals(intentId)) {
            mismatches.add("payment-intent");
        }
        if (currency == null || !order.currency().equals(currency.toUpperCase(Locale.ROOT))) {
            mismatches.add("currency");
        }
        if (amountReceived != order.total()) {
            mismatches.add("amount");
        }
        return mismatches;
    }

    /** For people: {@code card_declined (insufficient_funds)}, or {@code payment failed} without a code. */
    public String failure() {
        String code = failureCode == null ? "payment_failed" : failureCode;
        return declineCode == null ? code : code + " (" + declineCode + ")";
    }
}
