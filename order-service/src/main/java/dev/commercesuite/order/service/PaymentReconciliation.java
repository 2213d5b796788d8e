package dev.commercesuite.order.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.commercesuite.defaults.locks.AdvisoryLocks;
import dev.commercesuite.order.client.StripeIntent;
import dev.commercesuite.order.client.StripePayments;
import dev.commercesuite.order.config.StripeConfig;
import dev.commercesuite.order.domain.Order;
import dev.commercesuite.order.domain.PaymentProviderUnavailableException;
import dev.commercesuite.order.domain.PaymentRefusedException;
import dev.commercesuite.order.repository.OrderRepository;
import dev.commercesuite.order.repository.StripeEventRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Asks Stripe about orders that have awaited payment longer than {@code stripe.reconciliation.after} (15 minutes)
 * since checkout, and applies the answer as the webhook would: a lost or late webhook never leaves a paid order
 * unpaid. One replica runs it at a time (a transaction-scoped advisory lock while the batch is chosen); the chosen
 * orders are stamped as checked, so each is asked about at most once per period, and Stripe is called with no
 * transaction open. Each run also forgets Stripe event ids older than 30 days.
 */
@ApplicationScoped
public class PaymentReconciliation {

    public static final String ACTOR = "system:payment-reconciliation";
    /** The advisory lock key of this job (any constant no other job of this database uses). */
    static final long ADVISORY_LOCK = 0x5A1E_0DE3L;
    private static final Logger LOG = Logger.getLogger(PaymentReconciliation.class);

    /** What a run did: whether it ran (another replica may have), orders asked about, paid, and not asked. */
    public record Run(boolean ran, int checked, int paid, int unanswered) {
    }

    private record Due(UUID orderId, UUID tenantId, String intentId) {
    }

    private final AdvisoryLocks locks;
    private final OrderRepository orders;
    private final StripeEventRepository events;
    private final StripePayments stripe;
    private final PaymentSettlement settlement;
    private final ShopNames shopNames;
    private final Clock clock;
    private final Duration after;
    private final int batchSize;

    public PaymentReconciliation(AdvisoryLocks locks, OrderRepository orders, StripeEventRepository events,
            StripePayments stripe, PaymentSettlement settlement, ShopNames shopNames, Clock clock,
            StripeConfig config) {
        this.shopNames = shopNames;
        this.events = events;
        this.locks = locks;
        this.orders = orders;
        this.stripe = stripe;
        this.settlement = settlement;
        this.clock = clock;
        this.after = config.reconciliation().after();
        this.batchSize = config.reconciliation().batchSize();
    }

    /** Checks every due order now (up to the batch size; the rest wait for the next run). */
    public Run reconcile() {
        Instant now = clock.instant();
        List<Due> due = QuarkusTransaction.requiringNew().call(() -> {
            if (!locks.tryForTransaction(ADVISORY_LOCK)) {
                return null;
            }
            // Stripe retries a delivery for three days: an event id older than a month is never seen again
            events.deleteOlderThan(now.minus(Duration.ofDays(30)), 1000);
            List<Order> awaiting = orders.lockAwaitingPayment(now.minus(after), now.minus(after), batchSize);
            awaiting.forEach(order -> order.paymentChecked(now));
            return awaiting.stream().map(order -> new Due(order.id(), order.tenantId(), order.paymentIntentId())).toList();
        });
        if (due == null) {
            return new Run(false, 0, 0, 0);
        }
        int paid = 0;
        int unanswered = 0;
        for (Due order : due) {
            StripeIntent intent;
            try {
                intent = stripe.retrieveIntent(order.intentId());
            } catch (PaymentProviderUnavailableException | PaymentRefusedException e) {
                LOG.warnf("Payment reconciliation could not ask Stripe about order %s: %s", order.orderId(),
                        e.getMessage());
                unanswered++;
                continue;
            }
            shopNames.of(order.tenantId()); // before the lock, for the email a payment sends
            Order.Settlement settled = QuarkusTransaction.requiringNew().call(() -> {
                Order locked = orders.findById(order.orderId());
                orders.lock(locked);
                return settlement.settle(locked, intent.report(), ACTOR);
            });
            if (settled == Order.Settlement.PAID) {
                paid++;
                LOG.infof("Payment reconciliation: order %s was paid (its webhook had not arrived)", order.orderId());
            }
        }
        return new Run(true, due.size(), paid, unanswered);
    }
}
