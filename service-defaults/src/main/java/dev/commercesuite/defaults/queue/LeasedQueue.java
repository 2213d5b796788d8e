package dev.commercesuite.defaults.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A table of work that any number of workers share, implemented by the repository that owns the table. Each method
 * is one atomic statement; the worker passes the application clock's {@code now}, so tests move one clock. Outcomes
 * apply only while the item is still claimed, so a worker whose lease expired cannot overwrite the next one's.
 */
public interface LeasedQueue<T extends LeasedItem> {

    /**
     * Claims up to {@code limit} items due at {@code now} (waiting and past their next attempt, or claimed with an
     * expired lease: their worker died), with {@code FOR UPDATE SKIP LOCKED} so workers never take the same item,
     * leases them until {@code now + lease} and counts the attempt.
     */
    List<T> claim(int limit, Instant now, Duration lease);

    /** The item is done. */
    void succeeded(T item, Instant now);

    /** The attempt failed; try again at {@code nextAttempt}. */
    void retryLater(T item, String error, Instant nextAttempt, Instant now);

    /** The item can never succeed, or has had its last attempt: keep it, but stop trying. */
    void dead(T item, String error, Instant now);

    /** Gives the claim back without counting the attempt (nothing was tried); due again at {@code nextAttempt}. */
    void release(T item, Instant nextAttempt, Instant now);
}
