package dev.commercesuite.notification.service;

import dev.commercesuite.notification.domain.EmailStatus;

/** Only dead emails can be retried by hand; the others are still on their way or delivered. */
public class EmailNotDeadException extends RuntimeException {

    private final EmailStatus status;

    public EmailNotDeadException(EmailStatus status) {
        super("email is " + status.value());
        this.status = status;
    }

    public EmailStatus status() {
        return status;
    }
}
