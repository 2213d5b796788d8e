package dev.commercesuite.notification.domain;

import java.util.Locale;

/** Where an email is in its life: waiting, being sent by a worker, delivered to the SMTP server, or given up on. */
public enum EmailStatus {
    QUEUED,
    SENDING,
    SENT,
    DEAD;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EmailStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
