package dev.commercesuite.order.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.commercesuite.order.repository.OrderRepository;

/** The customer's view of an order, for whoever holds one of its access tokens (the status page and its JSON). */
@ApplicationScoped
public class OrderStatusLookup {

    private final OrderRepository orders;
    private final ShopNames shopNames;

    public OrderStatusLookup(OrderRepository orders, ShopNames shopNames) {
        this.orders = orders;
        this.shopNames = shopNames;
    }

    /**
     * The order {@code orderId} if {@code token} is one of its access tokens (compared in constant time); otherwise
     * {@link UnknownOrderException}, the same for an unknown order and a wrong token.
     */
    @Transactional
    public OrderStatusReport forTokenHolder(UUID orderId, String token) {
        return orders.findByIdOptional(orderId).filter(order -> order.accessibleWith(token))
                .map(OrderStatusReport::of).orElseThrow(UnknownOrderException::new);
    }

    /** The shop's name for the page's heading; empty when identity cannot say (see {@link ShopNames}). */
    public Optional<String> shopName(UUID tenantId) {
        return shopNames.of(tenantId);
    }
}
