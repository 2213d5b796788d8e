package dev.commercesuite.order.domain;

/** A webhook delivery whose signature does not verify; {@link #reason()} says why, for the log and the audit. */
public class InvalidWebhookSignatureException extends RuntimeException {

    private final String reason;

    public InvalidWebhookSignatureException(String reason) {
        super("webhook signature rejected: " + reason, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
