package dev.commercesuite.order.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.commercesuite.order.client.ShopCache;
import dev.commercesuite.order.client.ShopDirectory;
import dev.commercesuite.order.domain.Shop;
import dev.commercesuite.order.domain.ShopDirectoryUnavailableException;
import dev.commercesuite.order.domain.UnknownShopException;

/**
 * The shop's name, for what order-service shows its customers in the shop's name (the status page's heading, the
 * emails' heading and sender name). The name is an ornament: when identity cannot say (down with nothing cached, or
 * the shop is gone), the answer is empty and the page or email names no shop instead of failing.
 */
@ApplicationScoped
public class ShopNames {

    private static final Logger LOG = Logger.getLogger(ShopNames.class);

    private final ShopDirectory shops;
    private final ShopCache cache;

    public ShopNames(ShopDirectory shops, ShopCache cache) {
        this.shops = shops;
        this.cache = cache;
    }

    /**
     * The shop's name as far as this service knows it now (an answer up to the stale limit old), without asking
     * identity: for work that holds an order's row lock, which must not wait on another service. Call {@link #of}
     * before taking the lock to have it known.
     */
    public Optional<String> known(UUID tenantId) {
        return cache.stale(tenantId.toString()).map(Shop::name).filter(name -> !name.isBlank());
    }

    public Optional<String> of(UUID tenantId) {
        try {
            return Optional.ofNullable(shops.shop(tenantId.toString()).name()).filter(name -> !name.isBlank());
        } catch (UnknownShopException | ShopDirectoryUnavailableException e) {
            LOG.debugf("No name for shop %s: %s", tenantId, e.getClass().getSimpleName());
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.warnf(e, "The name of shop %s could not be looked up", tenantId);
            return Optional.empty();
        }
    }
}
