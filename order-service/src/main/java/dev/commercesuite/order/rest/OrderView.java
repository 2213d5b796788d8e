package dev.commercesuite.order.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.commercesuite.order.domain.Order;

/**
 * An order as {@code GET /api/v1/orders/{id}} and the list show it: money in minor units of {@code currency}. The
 * access token is never here; only the creation answer ({@link OrderCreated}) has it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(UUID id, long orderNumber, String status, String currency, long subtotal, long total,
        List<LineView> items, Instant createdAt, Instant paidAt, Instant refundedAt, String paymentFailure,
        String paymentIssue) {

    /** One line, with the name and unit price the product had when it was ordered. */
    public record LineView(UUID productId, String name, int quantity, long unitPrice, long lineTotal) {
    }

    public static OrderView of(Order order) {
        return new OrderView(order.id(), order.orderNumber(), order.status().value(), order.currency(),
                order.subtotal(), order.total(), lines(order), order.createdAt(), order.paidAt(), order.refundedAt(),
                order.paymentFailure(), order.paymentIssue());
    }

    static List<LineView> lines(Order order) {
        return order.items().stream().map(item -> new LineView(item.productId(), item.name(), item.quantity(),
                item.unitPrice(), item.lineTotal())).toList();
    }
}
