package dev.commercesuite.order.domain;

import java.util.Set;

/** An order was asked to move to a status its current one does not lead to. */
public class InvalidStatusTransitionException extends RuntimeException {

    private final OrderStatus from;
    private final OrderStatus to;

    public InvalidStatusTransitionException(OrderStatus from, OrderStatus to) {
        super("an order in status " + from.value() + " cannot become " + to.value());
        this.from = from;
        this.to = to;
    }

    public OrderStatus from() {
        return from;
    }

    public OrderStatus to() {
        return to;
    }

    /** Where the order could go instead (empty when its status is final). */
    public Set<OrderStatus> allowed() {
        return from.next();
    }
}
