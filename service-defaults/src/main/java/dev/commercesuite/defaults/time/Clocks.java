package dev.commercesuite.defaults.time;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The one clock every service reads for expiries, lockouts and job cut-offs: UTC system time. Tests replace it with
 * {@code MovableClock} (service-defaults' test fixtures) so that they move time instead of editing rows.
 */
@Singleton
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    Clock systemUtc() {
        return Clock.systemUTC();
    }
}
