package dev.commercesuite.order.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.commercesuite.defaults.locks.AdvisoryLocks;
import dev.commercesuite.order.client.StripeIntent;
import dev.commercesuite.order.client.StripePayments;
import dev.commercesuite.order.config.OrderConfig;
import dev.commercesuite.order.domain.Order;
import dev.commercesuite.order.domain.OrderStatus;
import dev.commercesuite.order.domain.PaymentProviderUnavailableException;
import dev.commercesuite.order.domain.PaymentRefusedException;
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
    private static final Logger LOG = Logger.getLogger(StaleOrders.class);

    private static final List<OrderStatus> UNPAID = Arrays.stream(OrderStatus.values()).filter(OrderStatus::isUnpaid)
            .toList();

    private final AdvisoryLocks locks;
    private final OrderRepository orders;
    private final OrderTransitions transitions;
    private final ShopNames shopNames;
    private final StripePayments stripe;
    private final PaymentSettlement settlement;
    private final Clock clock;
    private final Duration after;
    private final int batchSize;

    public StaleOrders(AdvisoryLocks locks, OrderRepository orders, OrderTransitions transitions, ShopNames shopNames,
            StripePayments stripe, PaymentSettlement settlement, Clock clock, OrderConfig config) {
        this.stripe = stripe;
        this.settlement = settlement;
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

    /**
     * Cancels every stale order now, batch after batch. An order that was checked out has a PaymentIntent: that is
     * cancelled at Stripe first, outside the batch's transaction, and the order only when Stripe has cancelled it;
     * when Stripe refuses because the payment went through, the order is settled as paid instead. An order Stripe
     * cannot be asked about now is left for the next run.
     */
    public Run cancelStale() {
        Instant runStart = clock.instant();
        Instant cutoff = runStart.minus(after);
        String reason = "It was not paid within " + readable(after) + ".";
        Map<UUID, Optional<String>> names = new HashMap<>();
        int cancelled = 0;
        int batches = 0;
        while (true) {
            List<Checkout> checkedOut = new ArrayList<>();
            Batch done = QuarkusTransaction.requiringNew().call(() -> {
                if (!locks.tryForTransaction(ADVISORY_LOCK)) {
                    return null;
                }
                List<Order> stale = orders.lockOlderThan(UNPAID, cutoff, runStart, batchSize);
                int cancelledNow = 0;
                for (Order order : stale) {
                    if (order.paymentIntentId() != null) {
                        order.paymentChecked(clock.instant()); // left out of this run's next batches
                        checkedOut.add(new Checkout(order.id(), order.tenantId(), order.paymentIntentId()));
                        continue;
                    }
                    String shopName = names.computeIfAbsent(order.tenantId(), shopNames::of).orElse(null);
                    transitions.apply(order, OrderStatus.CANCELLED, ACTOR, reason, null, shopName);
                    cancelledNow++;
                }
                return new Batch(stale.size(), cancelledNow);
            });
            if (done == null) {
                return new Run(batches > 0, cancelled, batches);
            }
            batches++;
            cancelled += done.cancelled();
            for (Checkout checkout : checkedOut) {
                if (cancelPaymentAndOrder(checkout, reason, names)) {
                    cancelled++;
                }
            }
            if (done.size() < batchSize) {
                return new Run(true, cancelled, batches);
            }
        }
    }

    private record Checkout(UUID orderId, UUID tenantId, String intentId) {
    }

    /** One batch: how many stale orders it chose, and how many of them it cancelled at once. */
    private record Batch(int size, int cancelled) {
    }

    /** Cancels the order's PaymentIntent, then the order; answers whether the order was cancelled. */
    private boolean cancelPaymentAndOrder(Checkout checkout, String reason, Map<UUID, Optional<String>> names) {
        StripeIntent intent;
        try {
            intent = stripe.cancelIntent(checkout.intentId(), checkout.orderId());
        } catch (PaymentRefusedException e) {
            // Stripe cancels only what can still be paid: it may have succeeded (or be processing) meanwhile
            try {
                intent = stripe.retrieveIntent(checkout.intentId());
            } catch (RuntimeException unanswered) {
                LOG.warnf("Stale order %s: its payment could not be read: %s", checkout.orderId(),
                        unanswered.getMessage());
                return false;
            }
        } catch (PaymentProviderUnavailableException e) {
            LOG.warnf("Stale order %s left for the next run: %s", checkout.orderId(), e.getMessage());
            return false;
        }
        StripeIntent answer = intent;
        // asked before the order's row is locked: while identity is slow, nobody waits for this order
        String shopName = names.computeIfAbsent(checkout.tenantId(), shopNames::of).orElse(null);
        return QuarkusTransaction.requiringNew().call(() -> {
            Order order = orders.findById(checkout.orderId());
            orders.lock(order);
            if (!checkout.intentId().equals(order.paymentIntentId())) {
                return false; // checked out again meanwhile, with a new PaymentIntent: the next run looks at that one
            }
            if ("canceled".equals(answer.status()) && order.status().isUnpaid()) {
                transitions.apply(order, OrderStatus.CANCELLED, ACTOR, reason, null, shopName);
                return true;
            }
            settlement.settle(order, answer.report(), ACTOR);
            return false;
        });
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
