package dev.commercesuite.clients.notification;

/**
 * notification-service answered with a 4xx: it is up and healthy, so this never counts against the circuit breaker.
 * Refusals of the caller rather than of the email (401 after a key rotation, 403, 404, 429) can succeed later;
 * {@link EmailRejectedException} is the refusal of the email itself.
 */
public class NotificationRefusedException extends RuntimeException {

    private final int status;

    public NotificationRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
