package dev.commercesuite.clients.notification;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Where notification-service is. The key keeps the name it had when only the outbox used it
 * ({@code suite.outbox.notification-url}, {@code SUITE_OUTBOX_NOTIFICATION_URL}); a service whose mail must go out
 * lists it in {@code suite.startup-checks.required} so production does not start without it.
 */
@ConfigMapping(prefix = "suite.outbox")
public interface NotificationClientConfig {

    /** notification-service's base URL, e.g. {@code http://notification-service:8083}. */
    Optional<String> notificationUrl();
}
