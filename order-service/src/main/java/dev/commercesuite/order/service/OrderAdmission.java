package dev.commercesuite.order.service;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.order.config.OrderConfig;

/**
 * Lets a bounded number of one shop's order transactions (the work of its idempotent requests, see
 * {@link Idempotency}) run at once per replica and queues the rest, in arrival order, in memory. A shop's orders take
 * turns on its counters (order number, monthly count) and on hot products' rows however many run, so without this a
 * flash sale would park a connection per waiting buyer in row-lock queues, exhaust the pool and fail every other
 * request of the service, health checks included. Shops are spread over a fixed set of stripes, so memory stays
 * bounded; two shops sharing a stripe share its turns.
 */
@ApplicationScoped
public class OrderAdmission {

    private static final int STRIPES = 64;

    private final Semaphore[] stripes = new Semaphore[STRIPES];
    private final Duration maxWait;

    public OrderAdmission(OrderConfig config) {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Semaphore(config.admission().perShop(), true);
        }
        this.maxWait = config.admission().maxWait();
    }

    /** Runs {@code placement} when it is the shop's turn; {@link ShopBusyException} if that takes too long. */
    public <T> T admit(UUID shopId, Supplier<T> placement) {
        Semaphore turns = stripes[Math.floorMod(shopId.hashCode(), STRIPES)];
        try {
            if (!turns.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ShopBusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopBusyException();
        }
        try {
            return placement.get();
        } finally {
            turns.release();
        }
    }
}
