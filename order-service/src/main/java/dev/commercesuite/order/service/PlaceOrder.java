package dev.commercesuite.order.service;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An order as a buyer asks for it, checked for form by the caller: who buys ({@code customerId} empty for a guest),
 * their normalised address and name, and the lines in the request's order (distinct products, 1 to 100 units each).
 */
public record PlaceOrder(UUID customerId, String email, String name, List<Line> lines) {

    public PlaceOrder {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(name, "name");
        lines = List.copyOf(lines);
    }

    /** One line: a product id and how many. */
    public record Line(UUID productId, int quantity) {
    }
}
