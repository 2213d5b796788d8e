package dev.commercesuite.notification;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.commercesuite.defaults.testing.MovableClock;

/** The application's clock in tests: one that a test moves instead of editing rows (reset it when done). */
@Alternative
@Priority(1)
@Singleton
public class TestClock {

    @Produces
    @Singleton
    MovableClock clock() {
        return new MovableClock();
    }
}
