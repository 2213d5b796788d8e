package dev.commercesuite.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.commercesuite.gateway.config.RateLimitConfig.KeyKind;

/** The in-process limiter counts exactly over a sliding window and keeps a bounded number of keys. */
class LocalLimiterTest {

    private static final RateLimitPolicy THREE_A_MINUTE = RateLimitPolicy.of(0, "test", 0, false, 3, 60_000,
            KeyKind.IP, null, List.of(PathPattern.parse("/**")));

    @Test
    void theWindowSlides() {
        LocalLimiter limiter = new LocalLimiter(100);
        assertEquals(new Decision(true, 2, 60_000), limiter.check("k", THREE_A_MINUTE, 0));
        assertEquals(new Decision(true, 1, 50_000), limiter.check("k", THREE_A_MINUTE, 10_000));
        assertEquals(new Decision(true, 0, 40_000), limiter.check("k", THREE_A_MINUTE, 20_000));
        assertEquals(new Decision(false, 0, 30_000), limiter.check("k", THREE_A_MINUTE, 30_000));
        // the first request leaves the window at 60 s: one more, and only one
        assertEquals(new Decision(true, 0, 10_000), limiter.check("k", THREE_A_MINUTE, 60_000));
        assertFalse(limiter.check("k", THREE_A_MINUTE, 60_001).allowed());
        assertTrue(limiter.check("other", THREE_A_MINUTE, 60_001).allowed());
    }

    @Test
    void mirroredRequestsCountAndIdleKeysAreDropped() {
        LocalLimiter limiter = new LocalLimiter(100);
        limiter.record("k", THREE_A_MINUTE, 0);
        limiter.record("k", THREE_A_MINUTE, 1);
        assertEquals(new Decision(true, 0, 59_998), limiter.check("k", THREE_A_MINUTE, 2));
        assertFalse(limiter.check("k", THREE_A_MINUTE, 3).allowed());

        limiter.sweep(59_000);
        assertEquals(1, limiter.size());
        limiter.sweep(60_002);
        assertEquals(0, limiter.size());
    }

    @Test
    void aLargeLimitCountsExactlyAndGrowsWithUse() {
        RateLimitPolicy large = RateLimitPolicy.of(0, "large", 0, false, 1_000_000, 1_000, KeyKind.IP, null,
                List.of(PathPattern.parse("/**")));
        LocalLimiter limiter = new LocalLimiter(100);
        for (int i = 0; i < 1_000; i++) {
            assertEquals(1_000_000 - 1 - i, limiter.check("k", large, i / 10).remaining());
        }
        // the first ten requests (at 0 ms) leave the window at 1000 ms
        assertEquals(1_000_000 - 991, limiter.check("k", large, 1_000).remaining());

        RateLimitPolicy ten = RateLimitPolicy.of(0, "ten", 0, false, 10, 60_000, KeyKind.IP, null,
                List.of(PathPattern.parse("/**")));
        for (int i = 0; i < 10; i++) {
            assertTrue(limiter.check("ten", ten, i).allowed());
        }
        assertFalse(limiter.check("ten", ten, 10).allowed());
    }

    @Test
    void theTableStaysBounded() {
        LocalLimiter limiter = new LocalLimiter(50);
        for (int i = 0; i < 1_000; i++) {
            limiter.check("client-" + i, THREE_A_MINUTE, i);
        }
        assertTrue(limiter.size() <= 50, "keys kept: " + limiter.size());
    }
}
