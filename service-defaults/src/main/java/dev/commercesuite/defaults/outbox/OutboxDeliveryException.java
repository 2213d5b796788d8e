package dev.commercesuite.defaults.outbox;

/** A message could not be delivered; {@code permanent} when retrying cannot help (the receiver refused it). */
public class OutboxDeliveryException extends RuntimeException {

    private final boolean permanent;

    public OutboxDeliveryException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public OutboxDeliveryException(String message, Throwable cause) {
        super(message, cause);
        this.permanent = false;
    }

    public boolean permanent() {
        return permanent;
    }
}
