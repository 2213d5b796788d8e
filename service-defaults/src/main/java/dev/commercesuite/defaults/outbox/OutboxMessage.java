package dev.commercesuite.defaults.outbox;

import java.util.UUID;

import dev.commercesuite.defaults.queue.LeasedItem;

/**
 * A claimed outbox row: its id (the receiver's idempotency key), destination, JSON payload, attempts so far and the
 * {@code traceparent} of the transaction that wrote it (null for rows written before traces were stored).
 */
public record OutboxMessage(UUID id, String destination, String payload, int attempts, String traceParent)
        implements LeasedItem {
}
