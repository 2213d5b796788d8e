package dev.commercesuite.gateway;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.commercesuite.defaults.testing.MovableClock;

/** The application's clock in tests: one a test can move forward (and must put back with {@code reset()}). */
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
