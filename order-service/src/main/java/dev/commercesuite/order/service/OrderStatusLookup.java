package dev.commercesuite.order.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.commercesuite.order.client.ShopDirectory;
import dev.commercesuite.order.domain.ShopDirectoryUnavailableException;
import dev.commercesuite.order.domain.UnknownShopException;
import dev.commercesuite.order.repository.OrderRepository;

/** The customer's view of an order, for whoever holds one of its access tokens (the status page and its JSON). */
@ApplicationScoped
public class OrderStatusLookup {

    private static final Logger LOG = Logger.getLogger(OrderStatusLookup.class);

    private final OrderRepository orders;
    private final ShopDirectory shops;

    public OrderStatusLookup(OrderRepository orders, ShopDirectory shops) {
        this.orders = orders;
        this.shops = shops;
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

    /**
     * The shop's name, for the page's heading; empty when identity cannot say (down with nothing cached, or the shop
     * is gone): the page then names no shop rather than fail.
     */
    public Optional<String> shopName(UUID tenantId) {
        try {
            return Optional.ofNullable(shops.shop(tenantId.toString()).name());
        } catch (UnknownShopException | ShopDirectoryUnavailableException e) {
            LOG.debugf("No shop name for the status page of shop %s: %s", tenantId, e.getClass().getSimpleName());
            return Optional.empty();
        } catch (RuntimeException e) {
            // the name is an ornament of the page: whatever the lookup's trouble, the customer still sees the order
            LOG.warnf(e, "The shop name for shop %s could not be looked up", tenantId);
            return Optional.empty();
        }
    }
}
