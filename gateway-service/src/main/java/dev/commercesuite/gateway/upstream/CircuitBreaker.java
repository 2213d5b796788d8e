package dev.commercesuite.gateway.upstream;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One upstream's circuit breaker: after {@code failures} consecutive failed calls it opens and refuses every call for
 * {@code openFor}, so a service that is down gets no traffic and clients get an answer at once; then it lets up to
 * {@code successes} trial calls through (half-open), closes after that many succeed and opens again on the first that
 * fails. The state is one immutable snapshot swapped by compare-and-set: safe across event loops without locks, and a
 * call through a closed breaker with no failure pending allocates nothing.
 *
 * <p>A call asks {@link #acquire()} first and reports exactly one of {@link #succeeded}, {@link #failed} or
 * {@link #abandoned} with the permit it got. An outcome of a call admitted while the breaker was closed is ignored once
 * the breaker has left that state, so a slow failure of an old call cannot reopen a breaker that is trying trials.
 */
public final class CircuitBreaker {

    /** What {@link #acquire()} grants. */
    public enum Permit {
        /** The breaker is closed: an ordinary call. */
        CALL,
        /** The breaker is half-open: one of the trial calls. */
        TRIAL,
        /** The breaker is open (or its trials are all under way): do not call. */
        REFUSED
    }

    /** The state as the breaker-state gauge shows it: 0 closed, 1 half-open, 2 open. */
    public enum State {
        CLOSED,
        HALF_OPEN,
        OPEN
    }

    /**
     * One state. {@code count} is the consecutive failures while closed and the trial successes while half-open;
     * {@code inFlight} the trials under way; {@code openUntil} (epoch millis) when an open breaker turns half-open.
     */
    private record Snapshot(State state, int count, int inFlight, long openUntil) {
    }

    private static final Snapshot CLOSED = new Snapshot(State.CLOSED, 0, 0, 0);

    private final String name;
    private final int failureThreshold;
    private final long openForMillis;
    private final int successThreshold;
    private final Clock clock;
    private final AtomicReference<Snapshot> current = new AtomicReference<>(CLOSED);

    public CircuitBreaker(String name, int failures, Duration openFor, int successes, Clock clock) {
        if (failures < 1 || successes < 1 || openFor.isNegative() || openFor.isZero()) {
            throw new IllegalArgumentException("Circuit breaker " + name + " needs failures >= 1, successes >= 1 and"
                    + " a positive open period (got " + failures + ", " + successes + ", " + openFor + ")");
        }
        this.name = name;
        this.failureThreshold = failures;
        this.openForMillis = openFor.toMillis();
        this.successThreshold = successes;
        this.clock = clock;
    }

    public String name() {
        return name;
    }

    /** Whether a call may go to the upstream now, and as what. */
    public Permit acquire() {
        while (true) {
            Snapshot now = current.get();
            switch (now.state()) {
                case CLOSED:
                    return Permit.CALL;
                case OPEN:
                    if (clock.millis() < now.openUntil()) {
                        return Permit.REFUSED;
                    }
                    if (current.compareAndSet(now, new Snapshot(State.HALF_OPEN, 0, 1, 0))) {
                        return Permit.TRIAL;
                    }
                    break;
                default:
                    if (now.inFlight() + now.count() >= successThreshold) {
                        return Permit.REFUSED; // enough trials are under way to decide
                    }
                    if (current.compareAndSet(now, new Snapshot(State.HALF_OPEN, now.count(), now.inFlight() + 1,
                            0))) {
                        return Permit.TRIAL;
                    }
                    break;
            }
        }
    }

    /** The upstream answered (any status that is not a failure): resets the failure count, or counts a trial. */
    public void succeeded(Permit permit) {
        while (true) {
            Snapshot now = current.get();
            Snapshot next;
            if (permit == Permit.CALL && now.state() == State.CLOSED) {
                if (now.count() == 0) {
                    return;
                }
                next = CLOSED;
            } else if (permit == Permit.TRIAL && now.state() == State.HALF_OPEN) {
                int successes = now.count() + 1;
                next = successes >= successThreshold ? CLOSED
                        : new Snapshot(State.HALF_OPEN, successes, now.inFlight() - 1, 0);
            } else {
                return;
            }
            if (current.compareAndSet(now, next)) {
                return;
            }
        }
    }

    /** The call failed (what counts: {@link UpstreamOutcome}): counts towards opening, or reopens a half-open breaker. */
    public void failed(Permit permit) {
        while (true) {
            Snapshot now = current.get();
            Snapshot next;
            if (permit == Permit.CALL && now.state() == State.CLOSED) {
                int failures = now.count() + 1;
                next = failures >= failureThreshold ? open() : new Snapshot(State.CLOSED, failures, 0, 0);
            } else if (permit == Permit.TRIAL && now.state() == State.HALF_OPEN) {
                next = open();
            } else {
                return;
            }
            if (current.compareAndSet(now, next)) {
                return;
            }
        }
    }

    /** The call ended without telling anything about the upstream (the client left): frees a trial's place. */
    public void abandoned(Permit permit) {
        while (true) {
            Snapshot now = current.get();
            if (permit != Permit.TRIAL || now.state() != State.HALF_OPEN) {
                return;
            }
            if (current.compareAndSet(now, new Snapshot(State.HALF_OPEN, now.count(), now.inFlight() - 1, 0))) {
                return;
            }
        }
    }

    public State state() {
        return current.get().state();
    }

    /** Whole seconds until an open breaker lets trials through, at least 1 (for {@code Retry-After}). */
    public long retryAfterSeconds() {
        Snapshot now = current.get();
        long millis = now.state() == State.OPEN ? now.openUntil() - clock.millis() : 0;
        return Math.max(1, (millis + 999) / 1000);
    }

    private Snapshot open() {
        return new Snapshot(State.OPEN, 0, 0, clock.millis() + openForMillis);
    }
}
