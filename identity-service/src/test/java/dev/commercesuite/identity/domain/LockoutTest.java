package dev.commercesuite.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The lockout rules, without a database: counted in a window, 1 minute at 5, doubling, capped at 15 minutes. */
class LockoutTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void fourFailuresDoNotLockAndTheFifthLocksForOneMinute() {
        Lockout lockout = new Lockout();
        for (int i = 1; i <= 4; i++) {
            Lockout.Failure failure = lockout.recordFailure(T0.plusSeconds(i));
            assertEquals(i, failure.failures());
            assertNull(failure.lockedUntil());
            assertFalse(failure.startedLockout());
            assertFalse(lockout.lockedAt(T0.plusSeconds(i)));
        }
        Lockout.Failure fifth = lockout.recordFailure(T0.plusSeconds(5));
        assertTrue(fifth.startedLockout());
        assertEquals(Duration.ofMinutes(1), fifth.lockedFor());
        assertEquals(T0.plusSeconds(65), fifth.lockedUntil());
        assertTrue(lockout.lockedAt(T0.plusSeconds(64)));
        assertFalse(lockout.lockedAt(T0.plusSeconds(65)));
    }

    @Test
    void furtherFailuresDoubleTheWaitUpToFifteenMinutesAndTellTheOwnerOnlyOnce() {
        Lockout lockout = new Lockout(5, T0, T0.plusSeconds(60));
        assertEquals(Duration.ofMinutes(2), lockout.recordFailure(T0.plusSeconds(61)).lockedFor());
        assertEquals(Duration.ofMinutes(4), lockout.recordFailure(T0.plusSeconds(62)).lockedFor());
        assertEquals(Duration.ofMinutes(8), lockout.recordFailure(T0.plusSeconds(63)).lockedFor());
        Lockout.Failure ninth = lockout.recordFailure(T0.plusSeconds(64));
        assertEquals(Duration.ofMinutes(15), ninth.lockedFor());
        assertFalse(ninth.startedLockout());
        assertEquals(Duration.ofMinutes(15), lockout.recordFailure(T0.plusSeconds(65)).lockedFor());
        assertEquals(Duration.ofMinutes(15), new Lockout(60, T0, null).recordFailure(T0.plusSeconds(1)).lockedFor());
    }

    @Test
    void failuresOutsideTheWindowStartAFreshCount() {
        Lockout lockout = new Lockout(4, T0, null);
        Lockout.Failure failure = lockout.recordFailure(T0.plus(Duration.ofMinutes(15)));
        assertEquals(1, failure.failures());
        assertNull(failure.lockedUntil());
        assertEquals(T0.plus(Duration.ofMinutes(15)), lockout.failureWindowStart());
        assertEquals(5, new Lockout(4, T0, null).recordFailure(T0.plus(Duration.ofMinutes(15)).minusNanos(1000))
                .failures());
    }

    @Test
    void clearForgetsEverything() {
        Lockout lockout = new Lockout(7, T0, T0.plusSeconds(600));
        lockout.clear();
        assertEquals(0, lockout.failedLogins());
        assertNull(lockout.failureWindowStart());
        assertNull(lockout.lockedUntil());
        assertFalse(lockout.lockedAt(T0));
    }

    @Test
    void aNewPasswordOrASuccessfulLoginClearsTheUsersLockout() {
        User user = User.register(java.util.UUID.randomUUID(), java.util.UUID.randomUUID(), "a@example.com", "A",
                "hash", Role.CUSTOMER, T0);
        for (int i = 0; i < 5; i++) {
            user.lockout().recordFailure(T0);
        }
        assertTrue(user.lockout().lockedAt(T0));
        user.replacePassword("new-hash");
        assertFalse(user.lockout().lockedAt(T0));
        assertEquals("new-hash", user.passwordHash());
        user.lockout().recordFailure(T0);
        user.loginSucceeded(null);
        assertEquals(0, user.lockout().failedLogins());
        assertEquals("new-hash", user.passwordHash());
    }
}
