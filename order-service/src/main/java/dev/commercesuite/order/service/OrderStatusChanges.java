package dev.commercesuite.order.service;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;

import dev.commercesuite.order.domain.InvalidStatusTransitionException;
import dev.commercesuite.order.domain.Order;
import dev.commercesuite.order.domain.OrderStatus;
import dev.commercesuite.order.repository.OrderRepository;

/**
 * Changing an order's status on request ({@code PATCH /api/v1/orders/{id}/status}). The shop's staff and admins may
 * make any change the status machine allows, with a note and a tracking link; the customer who placed the order (by
 * their access token of the shop, or as a guest by the order's access token) may only cancel it, which the machine
 * allows only while it is unpaid. The caller names the version they saw ({@code If-Match}); a change of a newer order
 * is refused, so of two concurrent changes from the same version exactly one wins.
 */
@ApplicationScoped
public class OrderStatusChanges {

    private final OrderRepository orders;
    private final OrderTransitions transitions;
    private final ShopNames shopNames;
    private final ReachableOrders reachable;

    public OrderStatusChanges(OrderRepository orders, OrderTransitions transitions, ShopNames shopNames,
            ReachableOrders reachable) {
        this.orders = orders;
        this.reachable = reachable;
        this.transitions = transitions;
        this.shopNames = shopNames;
    }

    /**
     * Moves order {@code orderId} to {@code next}, if {@code access} reaches it, may make this change and the order's
     * version is one of {@code expectedVersions}. Throws {@link UnknownOrderException} (not reached),
     * {@link StatusChangeForbiddenException}, {@link StaleOrderException} or
     * {@link InvalidStatusTransitionException}, in that order of checks, having changed nothing.
     */
    @Transactional
    public OrderStatusReport change(UUID orderId, OrderAccess access, OrderStatus next, String note,
            String trackingUrl, Set<Long> expectedVersions) {
        Order order = reachable.find(orderId, access);
        boolean staff = access instanceof OrderAccess.Member member && member.caller().isStaff();
        if (!staff && next != OrderStatus.CANCELLED) {
            throw new StatusChangeForbiddenException("a customer may only cancel their order");
        }
        if (!staff && trackingUrl != null) {
            throw new StatusChangeForbiddenException("only the shop sets a tracking link");
        }
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
