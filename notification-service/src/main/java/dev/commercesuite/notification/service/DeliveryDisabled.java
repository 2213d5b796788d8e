package dev.commercesuite.notification.service;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import dev.commercesuite.notification.config.NotificationConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Skips delivery rounds on replicas configured with {@code notification.delivery.enabled=false}, and every round
 * once shutdown has begun.
 */
@Singleton
public class DeliveryDisabled implements Scheduled.SkipPredicate {

    private final NotificationConfig config;
    private volatile boolean shuttingDown;

    public DeliveryDisabled(NotificationConfig config) {
        this.config = config;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return shuttingDown || !config.delivery().enabled();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        shuttingDown = true;
    }
}
