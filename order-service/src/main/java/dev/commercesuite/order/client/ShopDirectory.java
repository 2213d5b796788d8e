package dev.commercesuite.order.client;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.order.domain.Shop;

/**
 * The shops order-service serves, as identity-service knows them: an answer younger than the fresh time comes from
 * the cache; otherwise identity is asked through {@link ShopLookup} (which falls back to a stale answer while identity
 * is down). Throws {@link UnknownShopException} for no such shop and {@link ShopDirectoryUnavailableException} when
 * identity cannot answer and nothing recent is known.
 */
@ApplicationScoped
public class ShopDirectory {

    private final ShopCache cache;
    private final ShopLookup lookup;

    public ShopDirectory(ShopCache cache, ShopLookup lookup) {
        this.cache = cache;
        this.lookup = lookup;
    }

    /** The shop with this id or slug. */
    public Shop shop(String idOrSlug) {
        return cache.fresh(idOrSlug).orElseGet(() -> lookup.fetch(idOrSlug));
    }
}
