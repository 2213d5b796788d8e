package dev.commercesuite.order.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where an order is in its life, and where it may go next:
 * {@code pending -> awaiting_payment -> paid -> shipped -> delivered}, {@code pending|awaiting_payment -> cancelled},
 * {@code paid|shipped -> refunded}. {@code delivered}, {@code cancelled} and {@code refunded} are final.
 */
public enum OrderStatus {
    PENDING,
    AWAITING_PAYMENT,
    PAID,
    SHIPPED,
    DELIVERED,
    CANCELLED,
    REFUNDED;

    /** The statuses this one may change to, in the order of the lifecycle. */
    public Set<OrderStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(AWAITING_PAYMENT, CANCELLED);
            case AWAITING_PAYMENT -> EnumSet.of(PAID, CANCELLED);
            case PAID -> EnumSet.of(SHIPPED, REFUNDED);
            case SHIPPED -> EnumSet.of(DELIVERED, REFUNDED);
            case DELIVERED, CANCELLED, REFUNDED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    public boolean canChangeTo(OrderStatus target) {
        return next().contains(target);
    }

    /** Not yet paid: the customer may still cancel, and the stale-order job cancels it when it is left too long. */
    public boolean isUnpaid() {
        return this == PENDING || this == AWAITING_PAYMENT;
    }

    /**
     * Set only by payments, never on a person's request: checkout makes an order awaiting payment, and the payment
     * provider's news makes it paid or refunded.
     */
    public boolean isSetByPayments() {
        return this == AWAITING_PAYMENT || this == PAID || this == REFUNDED;
    }

    /** The lower-case value the API and the {@code orders.status} column use. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** For people (the status page, emails): {@code awaiting payment}. */
    public String label() {
        return value().replace('_', ' ');
    }

    /** The status written as {@code value}, if there is one. */
    public static Optional<OrderStatus> parse(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(status -> status.value().equals(value)).findFirst();
    }

    /** The status stored as {@code value}; throws for anything else. */
    public static OrderStatus of(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown order status " + value));
    }
}
