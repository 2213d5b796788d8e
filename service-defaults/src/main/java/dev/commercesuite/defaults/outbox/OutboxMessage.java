package dev.commercesuite.defaults.outbox;

import java.util.UUID;

import dev.commercesuite.defaults.queue.LeasedItem;

/** A claimed outbox row: its id (the receiver's idempotency key), destination, JSON payload and attempts so far. */
public record OutboxMessage(UUID id, String destination, String payload, int attempts) implements LeasedItem {
}
