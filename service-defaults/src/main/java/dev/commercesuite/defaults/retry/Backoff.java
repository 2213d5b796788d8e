package dev.commercesuite.defaults.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: after failed attempt n the wait is base x 2^(n-1), capped, then a random point in
 * its upper half, so emails that failed together do not all retry at the same moment.
 */
public final class Backoff {

    private Backoff() {
    }

    public static Duration after(int failedAttempts, Duration base, Duration cap, RandomGenerator random) {
        int exponent = Math.min(Math.max(failedAttempts - 1, 0), 30);
        long millis = Math.min(cap.toMillis(), base.toMillis() * (1L << exponent));
        long half = millis / 2;
        return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }
}
