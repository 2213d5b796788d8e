package dev.commercesuite.defaults.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/** The shared claim-process-record loop against an in-memory queue: what each kind of failure does to an item. */
class LeasedQueueWorkerTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private static final Duration BASE = Duration.ofSeconds(10);

    private final MemoryQueue queue = new MemoryQueue();

    @Test
    void aSuccessIsRecorded() {
        UUID id = queue.add();
        drain(3, item -> {
        });
        assertEquals("sent", queue.state(id).status);
    }

    @Test
    void aFailureBacksOffWithJitterWithinTheDoubledWait() {
        UUID id = queue.add();
        queue.state(id).attempts = 2; // this round is the third attempt
        drain(0, item -> {
            throw new IllegalStateException("receiver down");
        });
        Item state = queue.state(id);
        assertEquals("pending", state.status);
        assertEquals("IllegalStateException: receiver down", state.error);
        Duration wait = Duration.between(NOW, state.nextAttempt);
        // after attempt 3 the wait is base x 4, then a random point in its upper half
        assertTrue(wait.compareTo(BASE.multipliedBy(2)) >= 0 && wait.compareTo(BASE.multipliedBy(4)) <= 0,
                wait.toString());
    }

    @Test
    void theLastAllowedAttemptMakesTheItemDead() {
        UUID id = queue.add();
        queue.state(id).attempts = 2;
        drain(3, item -> {
            throw new IllegalStateException("receiver down");
        });
        assertEquals("dead", queue.state(id).status);
        assertEquals(3, queue.state(id).attempts);
    }

    @Test
    void aStuckItemLogsItsFirstFailureAndItsDeathAboveInfo() {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(LeasedQueueWorker.class.getName());
        logger.addHandler(capture);
        try {
            UUID id = queue.add();
            for (int attempt = 1; attempt <= 5; attempt++) {
                queue.rounds = 0;
                queue.state(id).nextAttempt = NOW;
                drain(5, item -> {
                    throw new IllegalStateException("receiver down");
                });
            }
            assertEquals("dead", queue.state(id).status);
        } finally {
            logger.removeHandler(capture);
        }
        List<String> levels = records.stream().map(record -> record.getLevel().getName()).toList();
        // JBoss LogManager's names: WARN and ERROR reach Sentry (quarkus.log.sentry.level=WARN), INFO does not
        assertEquals(List.of("WARN", "INFO", "INFO", "INFO", "ERROR"), levels);
    }

    @Test
    void withoutAnAttemptBudgetItRetriesForever() {
        UUID id = queue.add();
        queue.state(id).attempts = 1_000;
        drain(0, item -> {
            throw new IllegalStateException("receiver down");
        });
        assertEquals("pending", queue.state(id).status);
    }

    @Test
    void aPoisonItemIsDeadAtItsFirstAttempt() {
        UUID nul = queue.add();
        UUID argument = queue.add();
        drain(10, item -> {
            if (item.id().equals(nul)) {
                throw new IllegalStateException("could not read",
                        new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
            }
            throw new IllegalArgumentException("not an address");
        });
        assertEquals("dead", queue.state(nul).status);
        assertEquals(1, queue.state(nul).attempts);
        assertEquals("dead", queue.state(argument).status);
    }

    @Test
    void anItemNotAttemptedIsGivenBackUncounted() {
        UUID id = queue.add();
        drainWith(3, new LeasedWork<>() {
            @Override
            public void process(Record item) {
                throw new CircuitBreakerOpenException("open");
            }

            @Override
            public Verdict judge(RuntimeException failure) {
                return failure instanceof CircuitBreakerOpenException ? Verdict.NOT_ATTEMPTED
                        : LeasedWork.super.judge(failure);
            }
        });
        Item state = queue.state(id);
        assertEquals("pending", state.status);
        assertEquals(0, state.attempts);
        assertEquals(NOW.plusSeconds(15), state.nextAttempt);
    }

    @Test
    void aFailureToRecordTheOutcomeLeavesTheClaimToExpire() {
        UUID id = queue.add();
        queue.failRecording = true;
        // with a 1 s lease the worker tries to record the success for half a second, then leaves the claim
        drainWith(3, Duration.ofSeconds(1), new LeasedWork<>() {
            @Override
            public void process(Record item) {
            }
        });
        assertEquals("claimed", queue.state(id).status);
    }

    @Test
    void anOutcomeThatCannotBeRecordedEndsTheBatchSoTheRestIsNotWorkedBlind() {
        queue.add();
        queue.add();
        queue.failRecording = true;
        AtomicInteger worked = new AtomicInteger();
        drainWith(3, Duration.ofSeconds(1), new LeasedWork<>() {
            @Override
            public void process(Record item) {
                worked.incrementAndGet();
            }
        });
        assertEquals(1, worked.get(), "the second item is left to its lease, not done while nothing can be recorded");
    }

    @Test
    void aBriefOutageWhileRecordingASuccessIsWaitedOutSoTheWorkIsNotDoneTwice() {
        UUID id = queue.add();
        queue.recordingFailures = 2;
        drain(3, item -> {
        });
        assertEquals("sent", queue.state(id).status);
        assertEquals(1, queue.state(id).attempts);
    }

    @Test
    void anUnreachableQueueEndsTheRoundQuietly() {
        queue.failClaims = true;
        drain(3, item -> {
        });
        queue.failClaims = false;
        UUID id = queue.add();
        queue.rounds = 0;
        drain(3, item -> {
        });
        assertEquals("sent", queue.state(id).status);
    }

    private void drain(int maxAttempts, Consumer<Record> work) {
        drainWith(maxAttempts, new LeasedWork<>() {
            @Override
            public void process(Record item) {
                work.accept(item);
            }
        });
    }

    private void drainWith(int maxAttempts, LeasedWork<Record> work) {
        drainWith(maxAttempts, Duration.ofMinutes(1), work);
    }

    private void drainWith(int maxAttempts, Duration lease, LeasedWork<Record> work) {
        LeasedQueueWorker.Settings settings = new LeasedQueueWorker.Settings(10, lease, BASE,
                Duration.ofHours(1), maxAttempts, Duration.ofSeconds(15), false);
        new LeasedQueueWorker<>("Item", queue, work, settings, Clock.fixed(NOW, ZoneOffset.UTC))
                .drain(() -> queue.rounds > 0);
    }

    record Record(UUID id, int attempts) implements LeasedItem {
    }

    static final class Item {
        String status = "pending";
        int attempts;
        String error;
        Instant nextAttempt = NOW;
    }

    /** Claims what is pending and due; one round per drain (the worker stops before a second claim). */
    static final class MemoryQueue implements LeasedQueue<Record> {

        final Map<UUID, Item> items = new LinkedHashMap<>();
        int rounds;
        boolean failRecording;
        int recordingFailures;
        boolean failClaims;

        UUID add() {
            UUID id = UUID.randomUUID();
            items.put(id, new Item());
            return id;
        }

        Item state(UUID id) {
            return items.get(id);
        }

        @Override
        public List<Record> claim(int limit, Instant now, Duration lease) {
            rounds++;
            if (failClaims) {
                throw new IllegalStateException("the database is away");
            }
            List<Record> claimed = new ArrayList<>();
            items.forEach((id, item) -> {
                if (item.status.equals("pending") && !item.nextAttempt.isAfter(now) && claimed.size() < limit) {
                    item.status = "claimed";
                    item.attempts++;
                    claimed.add(new Record(id, item.attempts));
                }
            });
            return claimed;
        }

        @Override
        public void succeeded(Record record, Instant now) {
            record(record).status = "sent";
        }

        @Override
        public void retryLater(Record record, String error, Instant nextAttempt, Instant now) {
            Item item = record(record);
            item.status = "pending";
            item.error = error;
            item.nextAttempt = nextAttempt;
        }

        @Override
        public void dead(Record record, String error, Instant now) {
            Item item = record(record);
            item.status = "dead";
            item.error = error;
        }

        @Override
        public void release(Record record, Instant nextAttempt, Instant now) {
            Item item = record(record);
            item.status = "pending";
            item.attempts--;
            item.nextAttempt = nextAttempt;
        }

        private Item record(Record record) {
            if (failRecording || recordingFailures-- > 0) {
                throw new IllegalStateException("the database is away");
            }
            return items.get(record.id());
        }
    }
}
