package dev.commercesuite.notification.service;

import jakarta.inject.Singleton;

import dev.commercesuite.notification.config.NotificationConfig;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/** Skips delivery rounds on replicas configured with {@code notification.delivery.enabled=false}. */
@Singleton
public class DeliveryDisabled implements Scheduled.SkipPredicate {

    private final NotificationConfig config;

    public DeliveryDisabled(NotificationConfig config) {
        this.config = config;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !config.delivery().enabled();
    }
}
