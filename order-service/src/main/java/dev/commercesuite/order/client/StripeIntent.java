package dev.commercesuite.order.client;

import java.util.Map;

import dev.commercesuite.order.domain.PaymentReport;

/**
 * A Stripe PaymentIntent as order-service reads it: the SDK's object stays inside this package.
 * {@code clientSecret} is handed to the paying client only, never logged (see {@link #toString()}).
 */
public record StripeIntent(String id, String status, long amount, long amountReceived, String currency,
        Map<String, String> metadata, String clientSecret, String failureCode, String declineCode) {

    public StripeIntent {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** What this PaymentIntent says about its order's payment. */
    public PaymentReport report() {
        PaymentReport.State state = switch (status == null ? "" : status) {
            case "succeeded" -> PaymentReport.State.SUCCEEDED;
            case "canceled" -> PaymentReport.State.CANCELED;
            // Stripe returns an intent to requires_payment_method when an attempt fails, with the reason
            case "requires_payment_method" -> failureCode != null || declineCode != null ? PaymentReport.State.FAILED
                    : PaymentReport.State.OPEN;
            default -> PaymentReport.State.OPEN;
        };
        return new PaymentReport(id, state, amountReceived, currency, metadata.get("orderId"), metadata.get("tenantId"),
                failureCode, declineCode);
    }

    @Override
    public String toString() {
        return "StripeIntent[id=" + id + ", status=" + status + ", amount=" + amount + ", amountReceived="
                + amountReceived + ", currency=" + currency + "]";
    }
}
