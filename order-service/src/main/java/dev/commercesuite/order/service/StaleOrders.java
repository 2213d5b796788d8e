package dev.commercesuite.order.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.defaults.locks.AdvisoryLocks;
import dev.commercesuite.order.config.OrderConfig;
import dev.commercesuite.order.domain.Order;
import dev.commercesuite.order.domain.OrderStatus;
import dev.commercesuite.order.repository.OrderRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Cancels orders left unpaid ({@link OrderStatus#isUnpaid()}) longer than {@code order.stale-orders.after} after they
 * were placed, as {@value #ACTOR}: their stock goes back, the change is audited and the customer gets the
 * {@code order-cancelled} email, exactly as when someone cancels by hand ({@link OrderTransitions}). Works in batches,
 * each its own transaction holding a transaction-scoped advisory lock, so with several replicas one of them does the
 * work at a time; the orders are chosen with {@code SKIP LOCKED}, so an order someone is changing right now is left
 * for the next run.
 */
@ApplicationScoped
public class StaleOrders {

    public static final String ACTOR = "system:stale-orders";
    /** The advisory lock key of this job (any constant no other job of this database uses). */
    static final long ADVISORY_LOCK = 0x5A1E_0DE2L;

    private static final List<OrderStatus> UNPAID = Arrays.stream(OrderStatus.values()).filter(OrderStatus::isUnpaid)
            .toList();

    private final AdvisoryLocks locks;
    private final OrderRepository orders;
    private final OrderTransitions transitions;
    private final ShopNames shopNames;
    private final Clock clock;
    private final Duration after;
    private final int batchSize;

    public StaleOrders(AdvisoryLocks locks, OrderRepository orders, OrderTransitions transitions, ShopNames shopNames,
            Clock clock, OrderConfig config) {
        this.locks = locks;
        this.orders = orders;
        this.transitions = transitions;
        this.shopNames = shopNames;
        this.clock = clock;
        this.after = config.staleOrders().after();
        this.batchSize = config.staleOrders().batchSize();
    }

    /** What a run did: whether it ran at all (another replica may have held the lock) and how many it cancelled. */
    public record Run(boolean ran, int cancelled, int batches) {
    }

    /** Cancels every stale order now, batch after batch. */
    public Run cancelStale() {
        Instant cutoff = clock.instant().minus(after);
        String reason = "It was not paid within " + readable(after) + ".";
        Map<UUID, Optional<String>> names = new HashMap<>();
        int cancelled = 0;
        int batches = 0;
        while (true) {
            Integer done = QuarkusTransaction.requiringNew().call(() -> {
                if (!locks.tryForTransaction(ADVISORY_LOCK)) {
                    return null;
                }
                List<Order> stale = orders.lockOlderThan(UNPAID, cutoff, batchSize);
                for (Order order : stale) {
                    String shopName = names.computeIfAbsent(order.tenantId(), shopNames::of).orElse(null);
                    transitions.apply(order, OrderStatus.CANCELLED, ACTOR, reason, null, shopName);
                }
                return stale.size();
            });
            if (done == null) {
                return new Run(batches > 0, cancelled, batches);
            }
            batches++;
            cancelled += done;
            if (done < batchSize) {
                return new Run(true, cancelled, batches);
            }
        }
    }

    /** {@code 24 hours}, {@code 90 minutes}, {@code 2 days}: how the customer's email and the timeline say it. */
    static String readable(Duration duration) {
        if (duration.toDays() > 1 && duration.toHours() % 24 == 0) {
            return duration.toDays() + " days";
        }
        if (duration.toHours() > 0 && duration.toMinutes() % 60 == 0) {
            return duration.toHours() == 1 ? "1 hour" : duration.toHours() + " hours";
        }
        long minutes = Math.max(1, duration.toMinutes());
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
