package dev.commercesuite.identity.domain;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * A user's lockout after wrong passwords: failures are counted in a {@value #WINDOW_MINUTES}-minute window that
 * starts at the first of them; the {@value #THRESHOLD}th locks the account for 1 minute, each further failure doubles
 * the wait, up to 15 minutes. A success (or a new password) clears it all. Login and password change count together.
 */
@Embeddable
public class Lockout {

    public static final int THRESHOLD = 5;
    static final int WINDOW_MINUTES = 15;
    public static final Duration FAILURE_WINDOW = Duration.ofMinutes(WINDOW_MINUTES);
    public static final Duration FIRST_WAIT = Duration.ofMinutes(1);
    public static final Duration MAX_WAIT = Duration.ofMinutes(15);

    @Column(name = "failed_logins")
    private int failedLogins;

    @Column(name = "failure_window_start")
    private Instant failureWindowStart;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    public Lockout() {
    }

    /** A lockout state as stored; for tests and for reading back. */
    public Lockout(int failedLogins, Instant failureWindowStart, Instant lockedUntil) {
        this.failedLogins = failedLogins;
        this.failureWindowStart = failureWindowStart;
        this.lockedUntil = lockedUntil;
    }

    /** What one more wrong password did: the count in the window, and the wait it started (if any). */
    public record Failure(int failures, Instant lockedUntil, Duration lockedFor) {

        /** Whether this failure is the one that locked the account (the owner is told once, then). */
        public boolean startedLockout() {
            return failures == THRESHOLD;
        }
    }

    /** Whether the account must wait at {@code now}. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** Counts a wrong password at {@code now}. */
    public Failure recordFailure(Instant now) {
        boolean windowOpen = failureWindowStart != null && now.isBefore(failureWindowStart.plus(FAILURE_WINDOW));
        failedLogins = windowOpen ? failedLogins + 1 : 1;
        failureWindowStart = windowOpen ? failureWindowStart : now;
        Duration wait = failedLogins >= THRESHOLD ? waitAfter(failedLogins) : null;
        lockedUntil = wait == null ? null : now.plus(wait);
        return new Failure(failedLogins, lockedUntil, wait);
    }

    public void clear() {
        failedLogins = 0;
        failureWindowStart = null;
        lockedUntil = null;
    }

    /** 1 minute at the threshold, doubling per further failure, at most 15 minutes. */
    static Duration waitAfter(int failures) {
        int doublings = Math.min(failures - THRESHOLD, 10);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    public int failedLogins() {
        return failedLogins;
    }

    public Instant failureWindowStart() {
        return failureWindowStart;
    }

    public Instant lockedUntil() {
        return lockedUntil;
    }
}
