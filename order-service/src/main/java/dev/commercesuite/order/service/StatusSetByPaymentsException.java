package dev.commercesuite.order.service;

import dev.commercesuite.order.domain.OrderStatus;

/**
 * A status change asked for a status only payments set ({@link OrderStatus#isSetByPayments()}): awaiting payment
 * (checkout), paid and refunded (the payment provider's news). Nobody sets these by hand.
 */
public class StatusSetByPaymentsException extends RuntimeException {

    private final OrderStatus requested;

    public StatusSetByPaymentsException(OrderStatus requested) {
        super(requested.value() + " is set by payments only", null, false, false);
        this.requested = requested;
    }

    public OrderStatus requested() {
        return requested;
    }
}
