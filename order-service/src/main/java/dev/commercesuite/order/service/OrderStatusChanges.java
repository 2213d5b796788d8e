package dev.commercesuite.order.service;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;

import dev.commercesuite.order.client.StripeIntent;
import dev.commercesuite.order.client.StripePayments;
import dev.commercesuite.order.domain.InvalidStatusTransitionException;
import dev.commercesuite.order.domain.Order;
import dev.commercesuite.order.domain.OrderStatus;
import dev.commercesuite.order.domain.PaymentInProgressException;
import dev.commercesuite.order.domain.PaymentProviderUnavailableException;
import dev.commercesuite.order.domain.PaymentRefusedException;
import dev.commercesuite.order.repository.OrderRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Changing an order's status on request ({@code PATCH /api/v1/orders/{id}/status}). The statuses payments set
 * (awaiting payment, paid, refunded: see {@link Payments}) are nobody's to ask for. Otherwise the shop's staff and
 * admins may make any change the status machine allows (ship a paid order, deliver a shipped one, cancel an unpaid
 * one), with a note and a tracking link; the customer who placed the order (by their access token of the shop, or as
 * a guest by the order's access token) may only cancel it, which the machine allows only while it is unpaid. The
 * caller names the version they saw ({@code If-Match}); a change of a newer order is refused, so of two concurrent
 * changes from the same version exactly one wins.
 */
@ApplicationScoped
public class OrderStatusChanges {

    private final OrderRepository orders;
    private final OrderTransitions transitions;
    private final ShopNames shopNames;
    private final ReachableOrders reachable;
    private final StripePayments stripe;
    private final PaymentSettlement settlement;

    public OrderStatusChanges(OrderRepository orders, OrderTransitions transitions, ShopNames shopNames,
            ReachableOrders reachable, StripePayments stripe, PaymentSettlement settlement) {
        this.stripe = stripe;
        this.settlement = settlement;
        this.orders = orders;
        this.reachable = reachable;
        this.transitions = transitions;
        this.shopNames = shopNames;
    }

    /**
     * Moves order {@code orderId} to {@code next}, if {@code access} reaches it, may make this change and the order's
     * version is one of {@code expectedVersions}. Throws {@link UnknownOrderException} (not reached),
     * {@link StatusSetByPaymentsException}, {@link StatusChangeForbiddenException}, {@link StaleOrderException} or
     * {@link InvalidStatusTransitionException}, in that order of checks, having changed nothing.
     */
    public OrderStatusReport change(UUID orderId, OrderAccess access, OrderStatus next, String note,
            String trackingUrl, Set<Long> expectedVersions) {
        if (next == OrderStatus.CANCELLED) {
            cancelPaymentFirst(orderId, access, expectedVersions);
        }
        return QuarkusTransaction.requiringNew().call(() -> changeNow(orderId, access, next, note, trackingUrl,
                expectedVersions));
    }

    /**
     * A checked-out order's PaymentIntent is cancelled at Stripe before the order is (outside any transaction, once
     * the change passed every check it can fail), so nobody pays an order being cancelled. When Stripe refuses because
     * the payment went through meanwhile, that news is applied instead: the order is paid, and the cancellation is
     * then refused by the status machine; while it is being processed (a bank debit), the cancellation is refused with
     * {@link PaymentInProgressException}. Stripe unavailable: {@link PaymentProviderUnavailableException}, nothing
     * changed.
     */
    private void cancelPaymentFirst(UUID orderId, OrderAccess access, Set<Long> expectedVersions) {
        String intentId = QuarkusTransaction.requiringNew().call(() -> {
            Order order = reachable.find(orderId, access);
            check(order, access, OrderStatus.CANCELLED, null, expectedVersions);
            return order.status() == OrderStatus.AWAITING_PAYMENT ? order.paymentIntentId() : null;
        });
        if (intentId == null) {
            return;
        }
        try {
            stripe.cancelIntent(intentId, orderId);
        } catch (PaymentRefusedException e) {
            StripeIntent intent = stripe.retrieveIntent(intentId);
            QuarkusTransaction.requiringNew().run(() -> {
                Order order = orders.findById(orderId);
                orders.lock(order);
                settlement.settle(order, intent.report(), Payments.VERIFY_ACTOR);
            });
            if (!"canceled".equals(intent.status()) && !"succeeded".equals(intent.status())) {
                // still payable (being processed): cancelling the order would let the money arrive for nothing
                throw new PaymentInProgressException();
            }
            // succeeded: the order is paid now, and the cancellation is refused by its version and the machine
        }
    }

    private static void check(Order order, OrderAccess access, OrderStatus next, String trackingUrl,
            Set<Long> expectedVersions) {
        checkRights(access, next, trackingUrl);
        if (!expectedVersions.contains(order.version())) {
            throw new StaleOrderException(order.version());
        }
        if (!order.status().canChangeTo(next)) {
            throw new InvalidStatusTransitionException(order.status(), next);
        }
    }

    /** Whether {@code access} may ask for this change at all (whatever the order's state). */
    private static void checkRights(OrderAccess access, OrderStatus next, String trackingUrl) {
        if (next.isSetByPayments()) {
            throw new StatusSetByPaymentsException(next);
        }
        boolean staff = access instanceof OrderAccess.Member member && member.caller().isStaff();
        if (!staff && next != OrderStatus.CANCELLED) {
            throw new StatusChangeForbiddenException("a customer may only cancel their order");
        }
        if (!staff && trackingUrl != null) {
            throw new StatusChangeForbiddenException("only the shop sets a tracking link");
        }
    }

    private OrderStatusReport changeNow(UUID orderId, OrderAccess access, OrderStatus next, String note,
            String trackingUrl, Set<Long> expectedVersions) {
        Order order = reachable.find(orderId, access);
        checkRights(access, next, trackingUrl);
        // asked before the row lock is taken: while identity is slow to answer, nobody else waits for this order
        String shopName = shopNames.of(order.tenantId()).orElse(null);
        orders.lock(order);
        if (!expectedVersions.contains(order.version())) {
            throw new StaleOrderException(order.version());
        }
        transitions.apply(order, next, ReachableOrders.actor(access), note, trackingUrl, shopName);
        try {
            // written now rather than at the commit, so a concurrent change that got past the row lock (none of ours
            // does) is a refused precondition here instead of a failed commit
            orders.flush();
        } catch (OptimisticLockException e) {
            throw new StaleOrderException(-1);
        }
        return OrderStatusReport.of(order);
    }
}
