package dev.commercesuite.identity;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.identity.service.TimeSource;
import io.quarkus.test.Mock;

/** The service's clock in tests: real time plus an offset a test can move forward (and must put back). */
@Mock
@ApplicationScoped
public class MovableTime extends TimeSource {

    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant now() {
        return Instant.now().plus(offset);
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }
}
