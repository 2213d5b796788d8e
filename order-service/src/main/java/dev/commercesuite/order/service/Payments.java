package dev.commercesuite.order.service;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.order.client.StripeIntent;
import dev.commercesuite.order.client.StripePayments;
import dev.commercesuite.order.config.StripeConfig;
import dev.commercesuite.order.domain.Caller;
import dev.commercesuite.order.domain.IdempotencyScope;
import dev.commercesuite.order.domain.Order;
import dev.commercesuite.order.domain.OrderNotPayableException;
import dev.commercesuite.order.domain.OrderStatus;
import dev.commercesuite.order.domain.PaymentProviderUnavailableException;
import dev.commercesuite.order.domain.PaymentRefusedException;
import dev.commercesuite.order.repository.OrderRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Paying for an order and refunding it, on request: checkout (its owner), verify (its owner, for a client back before
 * Stripe's webhook), refund (an admin of its shop). Each runs in two steps, so no database connection or row lock is
 * held while Stripe is asked: first the order is read and Stripe called (every call safe to repeat, see
 * {@link StripePayments}), then, in a transaction with the order's row lock, Stripe's answer is applied to the order
 * as it is by then, with the same rules as Stripe's webhook ({@link PaymentSettlement}). Callers with an
 * {@code Idempotency-Key} run the two steps through {@link Idempotency}.
 */
@ApplicationScoped
public class Payments {

    /** How the timeline and the audit log name news from Stripe a client asked for. */
    public static final String VERIFY_ACTOR = "system:payment-verify";

    /** What the paying client needs to confirm the payment with Stripe.js; the client secret is not logged. */
    @RegisterForReflection
    public record CheckoutAnswer(String paymentIntentId, String clientSecret, String publishableKey, long amount,
            String currency) {

        @Override
        public String toString() {
            return "CheckoutAnswer[paymentIntentId=" + paymentIntentId + ", amount=" + amount + ", currency="
                    + currency + "]";
        }
    }

    /** A refund's result: the order after it, and whether Stripe confirmed it yet (else its webhook will). */
    public record RefundOutcome(OrderStatusReport order, boolean refunded) {
    }

    private final OrderRepository orders;
    private final ReachableOrders reachable;
    private final StripePayments stripe;
    private final PaymentSettlement settlement;
    private final OrderAudit audit;
    private final ShopNames shopNames;
    private final Clock clock;
    private final String publishableKey;

    public Payments(OrderRepository orders, ReachableOrders reachable, StripePayments stripe,
            PaymentSettlement settlement, OrderAudit audit, ShopNames shopNames, Clock clock, StripeConfig config) {
        this.shopNames = shopNames;
        this.orders = orders;
        this.reachable = reachable;
        this.stripe = stripe;
        this.settlement = settlement;
        this.audit = audit;
        this.clock = clock;
        this.publishableKey = config.publishableKey().orElse(null);
    }

    /** Whose keys a request about order {@code orderId} uses: its customer's, or its guest's (by address). */
    public IdempotencyScope ownerScope(UUID orderId, OrderAccess access) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Order order = reachable.findOwned(orderId, access);
            return order.customerId() != null && access instanceof OrderAccess.Member
                    ? IdempotencyScope.user(order.tenantId(), order.customerId())
                    : IdempotencyScope.guest(order.tenantId(), order.email());
        });
    }

    /**
     * Checkout's first step: the PaymentIntent for the order {@code access} owns, created for its total and currency
     * (or, for an order already awaiting payment, the one it awaits). Throws {@link UnknownOrderException},
     * {@link OrderNotPayableException} (paid, cancelled, refunded), {@link PaymentRefusedException} or
     * {@link PaymentProviderUnavailableException}.
     */
    public StripeIntent intentFor(UUID orderId, OrderAccess access) {
        Order.PaymentFacts facts = QuarkusTransaction.requiringNew().call(() -> {
            Order order = reachable.findOwned(orderId, access);
            order.requirePayable();
            return order.paymentFacts();
        });
        shopNames.of(facts.tenantId()); // known before the order is locked, for the email a payment sends
        String replacing = null;
        if (facts.paymentIntentId() != null) {
            StripeIntent awaited = stripe.retrieveIntent(facts.paymentIntentId());
            if (!"canceled".equals(awaited.status())) {
                return awaited;
            }
            replacing = awaited.id(); // Stripe would answer a repeat of the first creation with the cancelled one
        }
        return stripe.createIntent(new StripePayments.Charge(facts.id(), facts.tenantId(), facts.orderNumber(),
                facts.total(), facts.currency(), replacing));
    }

    /**
     * Checkout's second step, in the caller's transaction: the order awaits payment {@code intent} (unless Stripe
     * already says how it went, which is applied at once). Answers what the client pays with.
     */
    public CheckoutAnswer recordCheckout(UUID orderId, StripeIntent intent, OrderAccess access) {
        Order order = orders.findByIdOptional(orderId).orElseThrow(UnknownOrderException::new);
        orders.lock(order);
        order.awaitPayment(intent.id(), ReachableOrders.actor(access), clock.instant());
        settlement.settle(order, intent.report(), VERIFY_ACTOR);
        return new CheckoutAnswer(intent.id(), intent.clientSecret(), publishableKey, intent.amount(),
                intent.currency());
    }

    /**
     * Asks Stripe how the payment of the order {@code access} owns stands and applies the answer as the webhook
     * would. Throws {@link PaymentNotStartedException} for an order never checked out.
     */
    public OrderStatusReport verify(UUID orderId, OrderAccess access) {
        Order.PaymentFacts facts = QuarkusTransaction.requiringNew().call(
                () -> reachable.findOwned(orderId, access).paymentFacts());
        String intentId = facts.paymentIntentId();
        if (intentId == null) {
            throw new PaymentNotStartedException();
        }
        shopNames.of(facts.tenantId());
        StripeIntent intent = stripe.retrieveIntent(intentId);
        return QuarkusTransaction.requiringNew().call(() -> {
            Order order = orders.findById(orderId);
            orders.lock(order);
            settlement.settle(order, intent.report(), VERIFY_ACTOR);
            return OrderStatusReport.of(order);
        });
    }

    /**
     * A refund's first step: asks Stripe to refund the payment of order {@code orderId} of the admin's shop in full.
     * Throws {@link UnknownOrderException}, {@link OrderNotPayableException} (nothing paid to refund),
     * {@link PaymentRefusedException} or {@link PaymentProviderUnavailableException}.
     */
    public StripePayments.StripeRefund requestRefund(UUID orderId, Caller admin) {
        String intentId = QuarkusTransaction.requiringNew().call(() -> {
            Order order = orders.findInShop(admin.tenantId(), orderId).orElseThrow(UnknownOrderException::new);
            order.requireRefundable();
            return order.paymentIntentId();
        });
        shopNames.of(admin.tenantId());
        StripePayments.StripeRefund refund = stripe.refund(intentId, orderId);
        if (!refund.succeeded() && !"pending".equals(refund.status())) {
            throw new PaymentRefusedException(402, "refund_" + refund.status(), null, null);
        }
        return refund;
    }

    /**
     * A refund's second step, in the caller's transaction: a refund Stripe confirmed refunds the order now (audited,
     * the customer emailed); a pending one is noted, and Stripe's {@code charge.refunded} webhook finishes it.
     */
    public RefundOutcome recordRefund(UUID orderId, StripePayments.StripeRefund refund, Caller admin) {
        Order order = orders.findInShop(admin.tenantId(), orderId).orElseThrow(UnknownOrderException::new);
        orders.lock(order);
        if (refund.succeeded()) {
            settlement.settleRefund(order, order.paymentIntentId(), refund.id(), refund.amount(), order.total(),
                    refund.currency(), admin.actor());
        } else if (order.status().canChangeTo(OrderStatus.REFUNDED)) {
            order.refundRequested(refund.id(), clock.instant());
            audit.record(order.tenantId(), admin.actor(), OrderAudit.REFUND_REQUESTED, Map.of("orderId", order.id(),
                    "orderNumber", order.orderNumber(), "refundId", refund.id()));
        }
        return new RefundOutcome(OrderStatusReport.of(order), order.refundedAt() != null);
    }
}
