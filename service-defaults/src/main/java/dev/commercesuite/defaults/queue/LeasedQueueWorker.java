package dev.commercesuite.defaults.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import dev.commercesuite.defaults.logging.LogMasking;
import dev.commercesuite.defaults.retry.Backoff;

/**
 * The claim-process-record loop over a {@link LeasedQueue}, shared by the outbox relay and notification-service's
 * delivery worker: claim a batch with a lease, process each item, record the outcome. A failure backs off
 * exponentially with jitter ({@link Backoff}); a failure the work judges hopeless, or the last allowed attempt, makes
 * the item dead; an item not attempted is given back uncounted. Several workers, threads or replicas, can drain the
 * same queue at once.
 * <p>
 * An item's first failure is logged at WARN and its death at ERROR, the two moments someone may have to act on
 * (both reach Sentry); the retries between are logged at INFO, which Sentry does not receive, so one stuck item
 * retried for hours does not flood it. The queue's metrics and admin view show the retries.
 */
public final class LeasedQueueWorker<T extends LeasedItem> {

    private static final Logger LOG = Logger.getLogger(LeasedQueueWorker.class);
    private static final int MAX_ERROR_LENGTH = 1000;
    private static final Duration SUCCESS_RECORD_PATIENCE = Duration.ofSeconds(30);
    private static final Duration SUCCESS_RECORD_PAUSE = Duration.ofMillis(500);

    /**
     * How the worker claims and retries. {@code maxAttempts} 0 retries forever; {@code concurrent} processes a
     * batch's items on virtual threads at once instead of one after the other.
     */
    public record Settings(int batchSize, Duration lease, Duration baseBackoff, Duration maxBackoff, int maxAttempts,
            Duration notAttemptedDelay, boolean concurrent) {
    }

    private final String label;
    private final LeasedQueue<T> queue;
    private final LeasedWork<T> work;
    private final Settings settings;
    private final Clock clock;
    private final WorkScope<T> scope;
    private volatile boolean unreachable;

    /** {@code label} names the items in logs, e.g. {@code "Outbox message"} or {@code "Email"}. */
    public LeasedQueueWorker(String label, LeasedQueue<T> queue, LeasedWork<T> work, Settings settings, Clock clock) {
        this(label, queue, work, settings, clock, WorkScope.none());
    }

    /** As above, with each item processed and its outcome recorded inside {@code scope} (e.g. its stored trace). */
    public LeasedQueueWorker(String label, LeasedQueue<T> queue, LeasedWork<T> work, Settings settings, Clock clock,
            WorkScope<T> scope) {
        this.label = label;
        this.queue = queue;
        this.work = work;
        this.settings = settings;
        this.clock = clock;
        this.scope = scope;
    }

    /** Claims and processes batches until nothing is due or {@code stopping} says so (checked between batches). */
    public void drain(BooleanSupplier stopping) {
        while (!stopping.getAsBoolean()) {
            List<T> batch;
            try {
                batch = queue.claim(settings.batchSize(), clock.instant(), settings.lease());
            } catch (RuntimeException e) {
                // the database is away: said once per outage, not every poll (each would be an event in Sentry)
                if (!unreachable) {
                    unreachable = true;
                    LOG.warnf("%s queue unreachable, polling on until it answers: %s", label, e.getMessage());
                }
                return;
            }
            if (unreachable) {
                unreachable = false;
                LOG.infof("%s queue reachable again", label);
            }
            if (batch.isEmpty()) {
                return;
            }
            if (settings.concurrent()) {
                try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (T item : batch) {
                        workers.submit(() -> processOrLeave(item));
                    }
                }
            } else {
                for (T item : batch) {
                    if (!processOrLeave(item)) {
                        return; // the database went away: the rest of the batch is left to its leases
                    }
                }
            }
        }
    }

    /**
     * Processes one item; false when its outcome could not be recorded (the database is away), which leaves the claim
     * to expire and be retried.
     */
    private boolean processOrLeave(T item) {
        try (WorkScope.Open open = scope.enter(item)) {
            try {
                process(item, open);
                return true;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not record the outcome of %s %s; it is retried when its lease expires",
                        label.toLowerCase(Locale.ROOT), item.id());
                return false;
            }
        }
    }

    private void process(T item, WorkScope.Open open) {
        try {
            work.process(item);
        } catch (RuntimeException failure) {
            failed(item, failure, open);
            return;
        }
        recordSuccess(item);
        work.succeeded(item);
    }

    /**
     * Records a done item, retrying for a while when the database is briefly away: once the work is done (an email
     * handed to SMTP), leaving the claim to expire would do it a second time.
     */
    private void recordSuccess(T item) {
        Duration patience = settings.lease().dividedBy(2).compareTo(SUCCESS_RECORD_PATIENCE) < 0
                ? settings.lease().dividedBy(2) : SUCCESS_RECORD_PATIENCE;
        long giveUp = System.nanoTime() + patience.toNanos(); // real time: a test's clock may stand still
        while (true) {
            try {
                queue.succeeded(item, clock.instant());
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() - giveUp >= 0) {
                    throw e;
                }
                try {
                    Thread.sleep(SUCCESS_RECORD_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void failed(T item, RuntimeException failure, WorkScope.Open open) {
        LeasedWork.Verdict verdict = work.judge(failure);
        Instant now = clock.instant();
        if (verdict == LeasedWork.Verdict.NOT_ATTEMPTED) {
            queue.release(item, now.plus(settings.notAttemptedDelay()), now);
            return;
        }
        String error = truncate(work.describe(failure));
        open.failed(LogMasking.scrub(error));
        boolean outOfAttempts = settings.maxAttempts() > 0 && item.attempts() >= settings.maxAttempts();
        if (verdict == LeasedWork.Verdict.GIVE_UP || outOfAttempts) {
            queue.dead(item, error, now);
            work.failed(item, error, true);
            LOG.errorf("%s %s is dead after %d attempt(s): %s", label, item.id(), item.attempts(),
                    LogMasking.scrub(error));
            return;
        }
        Instant next = now.plus(Backoff.after(item.attempts(), settings.baseBackoff(), settings.maxBackoff(),
                ThreadLocalRandom.current()));
        queue.retryLater(item, error, next, now);
        work.failed(item, error, false);
        Logger.Level level = item.attempts() <= 1 ? Logger.Level.WARN : Logger.Level.INFO;
        LOG.logf(level, "%s %s attempt %d failed, next at %s: %s", label, item.id(), item.attempts(), next,
                LogMasking.scrub(error));
    }

    /** At most {@value #MAX_ERROR_LENGTH} characters, and none PostgreSQL cannot store (a poison item may be quoted). */
    private static String truncate(String error) {
        String text = error == null ? "unknown error" : error;
        text = text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
        return text.replace("\u0000", "\\u0000");
    }
}
