package dev.commercesuite.gateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.commercesuite.gateway.upstream.CircuitBreaker.Permit;
import dev.commercesuite.gateway.upstream.CircuitBreaker.State;

/** The breaker's state machine, with a clock the test moves: 5 failures open it for 60 s, 2 trials close it. */
class CircuitBreakerTest {

    private final StepClock clock = new StepClock();
    private final CircuitBreaker breaker = new CircuitBreaker("order", 5, Duration.ofSeconds(60), 2, clock);

    @Test
    void fiveConsecutiveFailuresOpenItAndASuccessInBetweenStartsTheCountAgain() {
        failTimes(4);
        breaker.succeeded(breaker.acquire());
        failTimes(4);
        assertEquals(State.CLOSED, breaker.state());
        assertEquals(Permit.CALL, breaker.acquire());

        failTimes(1);

        assertEquals(State.OPEN, breaker.state());
        assertEquals(Permit.REFUSED, breaker.acquire());
        assertEquals(60, breaker.retryAfterSeconds());
        clock.advance(Duration.ofMillis(59_001));
        assertEquals(Permit.REFUSED, breaker.acquire());
        assertEquals(1, breaker.retryAfterSeconds());
    }

    @Test
    void afterTheOpenPeriodTwoTrialsGoThroughAndTwoSuccessesCloseIt() {
        failTimes(5);
        clock.advance(Duration.ofSeconds(60));

        Permit first = breaker.acquire();
        Permit second = breaker.acquire();
        assertEquals(Permit.TRIAL, first);
        assertEquals(Permit.TRIAL, second);
        assertEquals(State.HALF_OPEN, breaker.state());
        assertEquals(Permit.REFUSED, breaker.acquire(), "no more trials than it takes to decide");
        assertEquals(1, breaker.retryAfterSeconds());

        breaker.succeeded(first);
        assertEquals(State.HALF_OPEN, breaker.state());
        breaker.succeeded(second);

        assertEquals(State.CLOSED, breaker.state());
        assertEquals(Permit.CALL, breaker.acquire());
        failTimes(4);
        assertEquals(State.CLOSED, breaker.state(), "closing starts the failure count from zero");
    }

    @Test
    void aFailedTrialOpensItForAnotherFullPeriod() {
        failTimes(5);
        clock.advance(Duration.ofSeconds(61));
        Permit trial = breaker.acquire();
        breaker.succeeded(trial);
        Permit next = breaker.acquire();

        breaker.failed(next);

        assertEquals(State.OPEN, breaker.state());
        assertEquals(Permit.REFUSED, breaker.acquire());
        assertEquals(60, breaker.retryAfterSeconds());
    }

    @Test
    void anAbandonedTrialFreesItsPlaceAndCountsNeitherWay() {
        failTimes(5);
        clock.advance(Duration.ofSeconds(60));
        Permit first = breaker.acquire();
        Permit second = breaker.acquire();

        breaker.abandoned(first);

        assertEquals(State.HALF_OPEN, breaker.state());
        Permit third = breaker.acquire();
        assertEquals(Permit.TRIAL, third);
        breaker.succeeded(second);
        breaker.succeeded(third);
        assertEquals(State.CLOSED, breaker.state());
    }

    @Test
    void outcomesOfCallsAdmittedBeforeItOpenedChangeNothingLater() {
        List<Permit> slowCalls = List.of(breaker.acquire(), breaker.acquire());
        failTimes(5);
        clock.advance(Duration.ofSeconds(60));
        Permit trial = breaker.acquire();

        breaker.failed(slowCalls.get(0)); // a slow call of the closed period fails only now
        assertEquals(State.HALF_OPEN, breaker.state());
        breaker.succeeded(slowCalls.get(1));
        breaker.succeeded(trial);
        assertEquals(State.HALF_OPEN, breaker.state(), "only trials count towards closing");
    }

    @Test
    void concurrentFailuresFromManyThreadsOpenItOnceAndNeverLoseTheCount() throws Exception {
        CircuitBreaker shared = new CircuitBreaker("identity", 1_000, Duration.ofSeconds(60), 2, clock);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(threads.submit(() -> {
                go.await();
                for (int i = 0; i < 249; i++) {
                    shared.failed(shared.acquire());
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(10, TimeUnit.SECONDS);
        }
        threads.shutdown();

        assertEquals(State.CLOSED, shared.state(), "996 failures of 1000");
        for (int i = 0; i < 4; i++) {
            shared.failed(shared.acquire());
        }
        assertEquals(State.OPEN, shared.state());
    }

    @Test
    void settingsThatCouldNeverWorkAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker("x", 0, Duration.ofSeconds(1), 1, clock));
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker("x", 1, Duration.ZERO, 1, clock));
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker("x", 1, Duration.ofSeconds(1), 0, clock));
    }

    private void failTimes(int times) {
        for (int i = 0; i < times; i++) {
            breaker.failed(breaker.acquire());
        }
    }

    /** A clock that stands still until the test moves it. */
    private static final class StepClock extends Clock {

        private volatile long millis = 1_800_000_000_000L;

        void advance(Duration by) {
            millis += by.toMillis();
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
