package dev.commercesuite.order.domain;

/**
 * The payment provider refused a request on its merits: a declined card (402, with the card network's
 * {@code declineCode}) or a request it found invalid (400). Carries Stripe's codes, which are safe to show, never its
 * message (which may name internal ids).
 */
public class PaymentRefusedException extends RuntimeException {

    private final int status;
    private final String code;
    private final String declineCode;

    public PaymentRefusedException(int status, String code, String declineCode, Throwable cause) {
        super("the payment provider refused the request: " + code + (declineCode == null ? "" : " (" + declineCode
                + ")"), cause);
        this.status = status;
        this.code = code;
        this.declineCode = declineCode;
    }

    /** 402 for a declined card, 400 for anything else the provider found wrong with the request. */
    public int status() {
        return status;
    }

    /** Stripe's error code ({@code card_declined}, {@code amount_too_small}, ...), or null. */
    public String code() {
        return code;
    }

    /** The card network's reason for a decline ({@code insufficient_funds}, ...), or null. */
    public String declineCode() {
        return declineCode;
    }
}
