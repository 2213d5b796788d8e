package dev.commercesuite.identity.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/** The current time for one-time token lifetimes; tests replace it with a clock they can move. */
@ApplicationScoped
public class TimeSource {

    public Instant now() {
        return Instant.now();
    }
}
