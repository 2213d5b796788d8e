package dev.commercesuite.order.service;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.commercesuite.order.domain.Order;
import dev.commercesuite.order.domain.OrderEvent;
import dev.commercesuite.order.domain.OrderStatus;
import dev.commercesuite.order.domain.PaymentReport;

/**
 * Applies what Stripe reports (a webhook, a client's verify, a job's question) to an order locked by the caller, and
 * does what follows, in the caller's transaction: paid or refunded -> audited and the customer emailed
 * ({@code order-status-update}, through the outbox); a mismatch -> {@code payment-mismatch} audited and logged at
 * error for the shop's staff; a failed attempt -> {@code payment-failed} audited. Each outcome is counted
 * ({@link OrderMeters}).
 */
@ApplicationScoped
class PaymentSettlement {

    static final String PAYMENT_MISMATCH = "payment-mismatch";
    static final String PAYMENT_FAILED = "payment-failed";
    private static final Logger LOG = Logger.getLogger(PaymentSettlement.class);

    private final OrderTransitions transitions;
    private final OrderAudit audit;
    private final ShopNames shopNames;
    private final OrderMeters meters;
    private final Clock clock;

    PaymentSettlement(OrderTransitions transitions, OrderAudit audit, ShopNames shopNames, OrderMeters meters,
            Clock clock) {
        this.transitions = transitions;
        this.audit = audit;
        this.shopNames = shopNames;
        this.meters = meters;
        this.clock = clock;
    }

    /** Applies {@code report} to {@code order} (locked) as {@code actor}. */
    Order.Settlement settle(Order order, PaymentReport report, String actor) {
        OrderStatus from = order.status();
        Order.Settlement settlement = order.settle(report, actor, clock.instant());
        if (settlement == Order.Settlement.FLAGGED) {
            meters.flagged(!report.mismatches(order).isEmpty() ? OrderMeters.Mismatch.DOES_NOT_MATCH
                    : from == OrderStatus.CANCELLED ? OrderMeters.Mismatch.PAID_AFTER_CANCEL
                    : OrderMeters.Mismatch.ORDER_NOT_PAYABLE);
        }
        follow(order, from, settlement, actor, Map.of("paymentIntentId", report.intentId()));
        return settlement;
    }

    /** Applies a refund Stripe reports for {@code order}'s payment (locked) as {@code actor}. */
    Order.Settlement settleRefund(Order order, String intentId, String refundId, long amountRefunded,
            long amountCharged, String currency, String actor) {
        OrderStatus from = order.status();
        Order.Settlement settlement = order.settleRefund(intentId, refundId, amountRefunded, amountCharged, currency,
                actor, clock.instant());
        if (settlement == Order.Settlement.FLAGGED) {
            meters.flagged(OrderMeters.Mismatch.REFUND_NOT_ALLOWED);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("paymentIntentId", intentId);
        if (refundId != null) {
            details.put("refundId", refundId);
        }
        follow(order, from, settlement, actor, details);
        return settlement;
    }

    private void follow(Order order, OrderStatus from, Order.Settlement settlement, String actor,
            Map<String, Object> details) {
        meters.settled(settlement);
        switch (settlement) {
            case PAID, REFUNDED -> {
                List<OrderEvent> events = order.events();
                OrderEvent last = events.get(events.size() - 1);
                // never asks identity here: the order's row is locked (callers look the name up before locking it)
                transitions.announce(order, from, last, actor, shopNames.known(order.tenantId()).orElse(null));
            }
            case FLAGGED -> {
                LOG.errorf("Payment mismatch on order %s (shop %s, number %d): %s", order.id(), order.tenantId(),
                        order.orderNumber(), order.paymentIssue());
                audit.record(order.tenantId(), actor, PAYMENT_MISMATCH, metadata(order, details, "issue",
                        order.paymentIssue()));
            }
            case FAILED -> audit.record(order.tenantId(), actor, PAYMENT_FAILED, metadata(order, details, "failure",
                    order.paymentFailure()));
            case UNCHANGED -> {
                // the same news again, or nothing new yet
            }
        }
    }

    private static Map<String, Object> metadata(Order order, Map<String, Object> details, String key, String value) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("orderId", order.id());
        metadata.put("orderNumber", order.orderNumber());
        metadata.putAll(details);
        metadata.put(key, value);
        return metadata;
    }
}
