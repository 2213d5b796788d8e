package dev.commercesuite.defaults.jobs;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduler;

/**
 * Pauses every scheduled job as soon as shutdown begins, before any other shutdown observer runs.
 *
 * <p>Jobs such as the outbox relay skip their rounds once shutdown has begun, but a skipped round still fires a CDI
 * {@code SkippedExecution} event; a trigger that fires after the container has stopped then logs an ERROR ("Error
 * while firing SkippedExecution event"). Paused, the scheduler fires nothing at all, and a round already running
 * finishes its batch as before.
 */
@ApplicationScoped
public class SchedulerShutdown {

    private final Scheduler scheduler;

    public SchedulerShutdown(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    void pauseJobs(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        scheduler.pause();
    }
}
