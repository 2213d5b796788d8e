package dev.commercesuite.order.domain;

import static dev.commercesuite.order.domain.OrderStatus.AWAITING_PAYMENT;
import static dev.commercesuite.order.domain.OrderStatus.CANCELLED;
import static dev.commercesuite.order.domain.OrderStatus.DELIVERED;
import static dev.commercesuite.order.domain.OrderStatus.PAID;
import static dev.commercesuite.order.domain.OrderStatus.PENDING;
import static dev.commercesuite.order.domain.OrderStatus.REFUNDED;
import static dev.commercesuite.order.domain.OrderStatus.SHIPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The status machine as the issue draws it, checked for every (from, to) pair, and the statuses' written values. */
class OrderStatusTest {

    /** The machine, written out independently of the code under test. */
    private static final Map<OrderStatus, Set<OrderStatus>> ALLOWED = Map.of(
            PENDING, EnumSet.of(AWAITING_PAYMENT, CANCELLED),
            AWAITING_PAYMENT, EnumSet.of(PAID, CANCELLED),
            PAID, EnumSet.of(SHIPPED, REFUNDED),
            SHIPPED, EnumSet.of(DELIVERED, REFUNDED),
            DELIVERED, EnumSet.noneOf(OrderStatus.class),
            CANCELLED, EnumSet.noneOf(OrderStatus.class),
            REFUNDED, EnumSet.noneOf(OrderStatus.class));

    @Test
    void everyPairIsAllowedExactlyWhenTheMachineHasThatArrow() {
        List<String> wrong = new ArrayList<>();
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                boolean expected = ALLOWED.get(from).contains(to);
                if (from.canChangeTo(to) != expected || from.next().contains(to) != expected) {
                    wrong.add(from.value() + " -> " + to.value() + " should be " + (expected ? "allowed" : "refused"));
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(49, OrderStatus.values().length * OrderStatus.values().length, "seven statuses");
    }

    @Test
    void noStatusLeadsToItselfAndTheFinalOnesLeadNowhere() {
        for (OrderStatus status : OrderStatus.values()) {
            assertEquals(false, status.canChangeTo(status), status.value());
        }
        assertEquals(Set.of(), DELIVERED.next());
        assertEquals(Set.of(), CANCELLED.next());
        assertEquals(Set.of(), REFUNDED.next());
    }

    @Test
    void nextIsACopyACallerCannotUseToWidenTheMachine() {
        Set<OrderStatus> next = PENDING.next();
        try {
            next.add(DELIVERED);
        } catch (UnsupportedOperationException expected) {
            // an unmodifiable answer is as good as a copy
        }
        assertEquals(false, PENDING.canChangeTo(DELIVERED));
    }

    @Test
    void onlyPendingAndAwaitingPaymentAreUnpaid() {
        Set<OrderStatus> unpaid = EnumSet.noneOf(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            if (status.isUnpaid()) {
                unpaid.add(status);
            }
        }
        assertEquals(EnumSet.of(PENDING, AWAITING_PAYMENT), unpaid);
    }

    @Test
    void onlyAwaitingPaymentPaidAndRefundedAreSetByPayments() {
        Set<OrderStatus> setByPayments = EnumSet.noneOf(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            if (status.isSetByPayments()) {
                setByPayments.add(status);
            }
        }
        assertEquals(EnumSet.of(AWAITING_PAYMENT, PAID, REFUNDED), setByPayments);
    }

    @Test
    void valuesAreTheLowerCaseNamesAndParseBack() {
        assertEquals("awaiting_payment", AWAITING_PAYMENT.value());
        for (OrderStatus status : OrderStatus.values()) {
            assertEquals(Optional.of(status), OrderStatus.parse(status.value()));
            assertEquals(status, OrderStatus.of(status.value()));
        }
        assertEquals(Optional.empty(), OrderStatus.parse("PAID"));
        assertEquals(Optional.empty(), OrderStatus.parse("awaiting-payment"));
        assertEquals(Optional.empty(), OrderStatus.parse(""));
        assertEquals(Optional.empty(), OrderStatus.parse(null));
        assertThrows(IllegalArgumentException.class, () -> OrderStatus.of("lost"));
        assertEquals("awaiting payment", AWAITING_PAYMENT.label());
        assertEquals("shipped", SHIPPED.label());
    }

    @Test
    void theConverterStoresTheValueAndReadsItBack() {
        OrderStatusConverter converter = new OrderStatusConverter();
        for (OrderStatus status : OrderStatus.values()) {
            assertEquals(status.value(), converter.convertToDatabaseColumn(status));
            assertEquals(status, converter.convertToEntityAttribute(status.value()));
        }
    }
}
