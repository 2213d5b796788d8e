package dev.commercesuite.defaults.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock for tests: real time plus an offset the test moves forward (and puts back with {@link #reset()}). A
 * service's tests make it the application's clock with a producer of their own, e.g.
 *
 * <pre>
 * &#64;Alternative &#64;Priority(1) &#64;Singleton
 * class TestClock { &#64;Produces &#64;Singleton MovableClock clock() { return new MovableClock(); } }
 * </pre>
 */
public class MovableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }
}
