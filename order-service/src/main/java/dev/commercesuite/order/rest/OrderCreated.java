package dev.commercesuite.order.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.commercesuite.order.service.PlacedOrder;

/**
 * The answer to {@code POST /api/v1/orders}: the order as {@link OrderView} shows it, plus its access token and the
 * status page link that carries it. The token is shown here and in the confirmation email only; the service keeps
 * its SHA-256.
 */
public record OrderCreated(UUID id, long orderNumber, String status, String currency, long subtotal, long total,
        List<OrderView.LineView> items, Instant createdAt, String accessToken, String statusUrl) {

    public static OrderCreated of(PlacedOrder placed) {
        var order = placed.order();
        return new OrderCreated(order.id(), order.orderNumber(), order.status().value(), order.currency(),
                order.subtotal(), order.total(), OrderView.lines(order), order.createdAt(), placed.accessToken(),
                placed.statusUrl());
    }
}
