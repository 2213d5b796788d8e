package dev.commercesuite.order.client;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.order.domain.Shop;

/**
 * The shops order-service serves, as identity-service knows them: an answer younger than the fresh time comes from
 * the cache; otherwise identity is asked through {@link ShopLookup} (which falls back to a stale answer while identity
 * is down). Concurrent requests for a shop that is not cached share one call: a burst of orders for a shop whose
 * answer just expired asks identity once, not once per request (which would also count each slow answer against
 * the breaker). Throws {@code UnknownShopException} for no such shop and {@code ShopDirectoryUnavailableException}
 * when identity cannot answer and nothing recent is known.
 */
@ApplicationScoped
public class ShopDirectory {

    private final ShopCache cache;
    private final ShopLookup lookup;
    private final Map<String, CompletableFuture<Shop>> inFlight = new ConcurrentHashMap<>();

    public ShopDirectory(ShopCache cache, ShopLookup lookup) {
        this.cache = cache;
        this.lookup = lookup;
    }

    /** The shop with this id or slug. */
    public Shop shop(String idOrSlug) {
        Optional<Shop> fresh = cache.fresh(idOrSlug);
        if (fresh.isPresent()) {
            return fresh.get();
        }
        CompletableFuture<Shop> mine = new CompletableFuture<>();
        CompletableFuture<Shop> running = inFlight.putIfAbsent(idOrSlug, mine);
        if (running != null) {
            return await(running);
        }
        try {
            Shop shop = lookup.fetch(idOrSlug);
            mine.complete(shop);
            return shop;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(idOrSlug, mine);
        }
    }

    private static Shop await(CompletableFuture<Shop> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
