package dev.commercesuite.notification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.retry.Backoff;

class BackoffTest {

    private static final Duration BASE = Duration.ofSeconds(30);
    private static final Duration CAP = Duration.ofHours(1);

    @Test
    void doublesPerAttemptWithinItsUpperHalf() {
        SplittableRandom random = new SplittableRandom(42);
        for (int attempt = 1; attempt <= 7; attempt++) {
            long full = BASE.toMillis() << (attempt - 1);
            for (int i = 0; i < 200; i++) {
                long wait = Backoff.after(attempt, BASE, CAP, random).toMillis();
                assertTrue(wait >= full / 2 && wait <= full, "attempt " + attempt + ": " + wait);
            }
        }
    }

    @Test
    void neverWaitsLongerThanTheCap() {
        SplittableRandom random = new SplittableRandom(7);
        for (int attempt = 8; attempt <= 1000; attempt++) {
            long wait = Backoff.after(attempt, BASE, CAP, random).toMillis();
            assertTrue(wait <= CAP.toMillis() && wait >= CAP.toMillis() / 2, "attempt " + attempt + ": " + wait);
        }
    }

    @Test
    void jitterSpreadsRetries() {
        SplittableRandom random = new SplittableRandom(1);
        long first = Backoff.after(3, BASE, CAP, random).toMillis();
        boolean differs = false;
        for (int i = 0; i < 50 && !differs; i++) {
            differs = Backoff.after(3, BASE, CAP, random).toMillis() != first;
        }
        assertTrue(differs);
    }
}
