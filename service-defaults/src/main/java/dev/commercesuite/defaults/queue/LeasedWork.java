package dev.commercesuite.defaults.queue;

import dev.commercesuite.defaults.retry.Failures;

/** What a {@link LeasedQueueWorker} does with each item, and how it judges a failure. */
public interface LeasedWork<T extends LeasedItem> {

    /** How a failed attempt counts. */
    enum Verdict {
        /** Back off and try again (until the worker's attempt budget, if it has one, is spent). */
        RETRY,
        /** It can never succeed: dead at once, however many attempts are left. */
        GIVE_UP,
        /** Nothing was tried (e.g. an open circuit): give the claim back without counting the attempt. */
        NOT_ATTEMPTED
    }

    /** Processes one claimed item; returns normally when it is done, throws otherwise. */
    void process(T item);

    /** By default a data error ({@link Failures#permanent}) gives up and anything else is retried. */
    default Verdict judge(RuntimeException failure) {
        return Failures.permanent(failure) ? Verdict.GIVE_UP : Verdict.RETRY;
    }

    /** The error recorded with the item and logged (emails masked). */
    default String describe(RuntimeException failure) {
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    /** Called after an item succeeded, e.g. to count it. */
    default void succeeded(T item) {
    }

    /** Called after a failed attempt was recorded; {@code dead} when the item will not be tried again. */
    default void failed(T item, String error, boolean dead) {
    }
}
