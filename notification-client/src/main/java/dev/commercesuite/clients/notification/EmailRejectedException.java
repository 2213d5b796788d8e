package dev.commercesuite.clients.notification;

/**
 * notification-service refused the email itself (400, 413, 415, 422): sending it again cannot succeed, so it is not
 * retried and an outbox message carrying it is dead.
 */
public class EmailRejectedException extends NotificationRefusedException {

    public EmailRejectedException(int status, String message) {
        super(status, message);
    }
}
