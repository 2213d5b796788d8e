package dev.commercesuite.defaults.outbox;

import java.util.UUID;

/** Where messages of one kind go. The outbox row's id is the receiver's idempotency key. */
public interface OutboxDestination {

    /** The {@code destination} value of the rows this destination delivers. */
    String name();

    /**
     * Delivers one message; returns normally once the receiver has it. Throws {@link OutboxDeliveryException}
     * otherwise, saying whether a later attempt can succeed.
     */
    void deliver(UUID id, String payload);
}
