package dev.commercesuite.order.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.order.config.OrderConfig;
import dev.commercesuite.order.domain.Shop;

/**
 * identity-service's answers about shops, by id and by slug, with when they were fetched: fresh ones are used
 * without asking again, and while identity is down a stale one is still served up to the stale limit.
 */
@ApplicationScoped
public class ShopCache {

    /** Shops remembered at most; beyond it the whole cache starts over (a crude bound against unbounded slugs). */
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Shop shop, Instant fetchedAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration freshFor;
    private final Duration staleFor;

    public ShopCache(Clock clock, OrderConfig config) {
        this.clock = clock;
        this.freshFor = config.shops().freshFor();
        this.staleFor = config.shops().staleFor();
    }

    /** A shop fetched less than the fresh time ago. */
    public Optional<Shop> fresh(String idOrSlug) {
        return within(idOrSlug, freshFor);
    }

    /** A shop fetched less than the stale limit ago: what to serve while identity-service cannot answer. */
    public Optional<Shop> stale(String idOrSlug) {
        return within(idOrSlug, staleFor);
    }

    void remember(Shop shop) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        Entry entry = new Entry(shop, clock.instant());
        entries.put(shop.id().toString(), entry);
        entries.put(shop.slug(), entry);
    }

    /** Forgets everything (tests, and an operator's way to see a shop's change at once). */
    public void clear() {
        entries.clear();
    }

    private Optional<Shop> within(String idOrSlug, Duration age) {
        Entry entry = entries.get(idOrSlug);
        if (entry == null || entry.fetchedAt().plus(age).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(entry.shop());
    }
}
