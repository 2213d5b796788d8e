package dev.commercesuite.order.domain;

/** Checkout, payment or a refund was asked of an order whose status does not allow it (paid, cancelled, refunded). */
public class OrderNotPayableException extends RuntimeException {

    private final OrderStatus status;

    public OrderNotPayableException(OrderStatus status, String message) {
        super(message);
        this.status = status;
    }

    public OrderStatus status() {
        return status;
    }
}
