package dev.commercesuite.clients.notification;

/** notification-service could not be reached or failed (5xx, timeout): a later attempt can succeed. */
public class NotificationUnavailableException extends RuntimeException {

    public NotificationUnavailableException(String message) {
        super(message);
    }

    public NotificationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
