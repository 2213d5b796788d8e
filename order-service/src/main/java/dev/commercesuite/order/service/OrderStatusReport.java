package dev.commercesuite.order.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.commercesuite.order.domain.Order;
import dev.commercesuite.order.domain.OrderStatus;

/**
 * What the holder of an order's access token may see of it (the status page and its JSON), read inside the
 * transaction so the entity never leaves the service layer: number, status, totals, lines and the timeline without
 * who made each change. {@code version} is the order's ETag.
 */
public record OrderStatusReport(UUID id, UUID tenantId, long orderNumber, OrderStatus status, String currency,
        long subtotal, long total, long version, Instant paidAt, String paymentFailure, List<Line> items,
        List<Step> timeline) {

    /** One line as ordered. */
    public record Line(UUID productId, String name, int quantity, long unitPrice, long lineTotal) {
    }

    /** One timeline entry: the status reached, when, and the note and tracking link given with it (may be null). */
    public record Step(OrderStatus status, Instant at, String note, String trackingUrl) {
    }

    static OrderStatusReport of(Order order) {
        return new OrderStatusReport(order.id(), order.tenantId(), order.orderNumber(), order.status(),
                order.currency(), order.subtotal(), order.total(), order.version(), order.paidAt(),
                order.paymentFailure(),
                order.items().stream().map(item -> new Line(item.productId(), item.name(), item.quantity(),
                        item.unitPrice(), item.lineTotal())).toList(),
                order.events().stream().map(event -> new Step(event.status(), event.at(), event.note(),
                        event.trackingUrl())).toList());
    }
}
