package dev.commercesuite.order.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.order.domain.Caller;
import dev.commercesuite.order.domain.Order;
import dev.commercesuite.order.repository.OrderRepository;

/**
 * Which order a caller reaches by its id: a shop member reaches their shop's orders (a customer only their own), the
 * holder of an order's access token reaches that order. Anything else is {@link UnknownOrderException}, one answer for
 * "no such order", "another shop's" and "not yours".
 */
@ApplicationScoped
class ReachableOrders {

    private final OrderRepository orders;

    ReachableOrders(OrderRepository orders) {
        this.orders = orders;
    }

    /** The order, for staff of its shop, the customer who placed it, or a holder of its access token. */
    Order find(UUID orderId, OrderAccess access) {
        return find(orderId, access, false);
    }

    /** The order, only for whoever owns it: the customer who placed it, or a holder of its access token. */
    Order findOwned(UUID orderId, OrderAccess access) {
        return find(orderId, access, true);
    }

    private Order find(UUID orderId, OrderAccess access, boolean ownerOnly) {
        return switch (access) {
            case OrderAccess.Member member -> {
                Caller caller = member.caller();
                Order order = orders.findInShop(caller.tenantId(), orderId).orElseThrow(UnknownOrderException::new);
                if ((ownerOnly || !caller.isStaff()) && !order.placedBy(caller.userId())) {
                    throw new UnknownOrderException();
                }
                yield order;
            }
            case OrderAccess.TokenHolder holder -> orders.findByIdOptional(orderId)
                    .filter(order -> order.accessibleWith(holder.token()))
                    .orElseThrow(UnknownOrderException::new);
        };
    }

    /** How the audit log and the timeline name the caller. */
    static String actor(OrderAccess access) {
        return switch (access) {
            case OrderAccess.Member member -> member.caller().actor();
            case OrderAccess.TokenHolder holder -> "guest";
        };
    }
}
