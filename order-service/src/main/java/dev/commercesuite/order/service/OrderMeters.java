package dev.commercesuite.order.service;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import dev.commercesuite.order.domain.Order;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Counts what happens to orders, for the dashboards and the payment-mismatch alert: orders placed
 * ({@code order_orders_created_total}) and cancelled ({@code order_orders_cancelled_total}, by anyone, the stale-order
 * job included), what the payment provider's news did ({@code order_payments_total} by {@code outcome}: {@code paid},
 * {@code failed}, {@code refunded}, {@code flagged}) and why a payment was flagged for the shop's staff
 * ({@code order_payment_mismatches_total} by {@link Mismatch reason}). Every series exists at 0 from start-up. A count
 * made inside a transaction is added once that transaction commits, so a rolled-back change is never counted.
 */
@Startup // the series exist from the first scrape
@ApplicationScoped
public class OrderMeters {

    /** Why a payment report was flagged instead of applied; the tag value is the name in kebab case. */
    public enum Mismatch {
        /** The payment is not this order's in full: another amount, currency, order, shop or payment. */
        DOES_NOT_MATCH,
        /** Money arrived for an order that was cancelled meanwhile: it must be refunded by hand. */
        PAID_AFTER_CANCEL,
        /** Money arrived for an order that cannot be paid any more for another reason (it is paid already). */
        ORDER_NOT_PAYABLE,
        /** A refund came for an order that cannot be refunded (delivered or cancelled). */
        REFUND_NOT_ALLOWED;

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Counter created;
    private final Counter cancelled;
    private final Map<Order.Settlement, Counter> payments = new EnumMap<>(Order.Settlement.class);
    private final Map<Mismatch, Counter> mismatches = new EnumMap<>(Mismatch.class);
    private final TransactionSynchronizationRegistry transactions;

    public OrderMeters(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        this.created = Counter.builder("order.orders.created").description("Orders placed").register(registry);
        this.cancelled = Counter.builder("order.orders.cancelled")
                .description("Orders cancelled (by the customer, staff or the stale-order job)").register(registry);
        for (Order.Settlement settlement : Order.Settlement.values()) {
            if (settlement != Order.Settlement.UNCHANGED) {
                payments.put(settlement, Counter.builder("order.payments")
                        .description("Payment provider news that changed an order, by what it did")
                        .tag("outcome", settlement.name().toLowerCase(Locale.ROOT)).register(registry));
            }
        }
        for (Mismatch mismatch : Mismatch.values()) {
            mismatches.put(mismatch, Counter.builder("order.payment.mismatches")
                    .description("Payments flagged for the shop's staff instead of applied, by reason")
                    .tag("reason", mismatch.tag()).register(registry));
        }
    }

    void created() {
        afterCommit(created);
    }

    void cancelled() {
        afterCommit(cancelled);
    }

    /** The payment provider's news did {@code settlement} to an order; nothing is counted for news that changed nothing. */
    void settled(Order.Settlement settlement) {
        Counter counter = payments.get(settlement);
        if (counter != null) {
            afterCommit(counter);
        }
    }

    /** A payment report was flagged for {@code mismatch}. */
    void flagged(Mismatch mismatch) {
        afterCommit(mismatches.get(mismatch));
    }

    private void afterCommit(Counter counter) {
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            counter.increment();
            return;
        }
        if (status != Status.STATUS_ACTIVE) {
            return; // marked for rollback: it will not have happened
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // counted only once the outcome is known
            }

            @Override
            public void afterCompletion(int completion) {
                if (completion == Status.STATUS_COMMITTED) {
                    counter.increment();
                }
            }
        });
    }
}
