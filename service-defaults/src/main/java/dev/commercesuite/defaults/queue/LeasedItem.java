package dev.commercesuite.defaults.queue;

import java.util.UUID;

/** One claimed item of a {@link LeasedQueue}: its id and how many attempts it has had, this one included. */
public interface LeasedItem {

    UUID id();

    int attempts();

    /** The W3C {@code traceparent} of the transaction that queued the item, or null when none was stored. */
    default String traceParent() {
        return null;
    }
}
