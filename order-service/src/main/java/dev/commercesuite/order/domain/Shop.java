package dev.commercesuite.order.domain;

import java.util.UUID;

/**
 * A shop (tenant) as order-service knows it from identity-service: who it is, whether it takes orders and its tier.
 * Not stored here; identity-service owns shops.
 */
public record Shop(UUID id, String slug, String name, boolean active, Tier tier) {

    /** A suspended shop takes no orders. */
    public boolean takesOrders() {
        return active;
    }
}
