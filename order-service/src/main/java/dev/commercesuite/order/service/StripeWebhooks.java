package dev.commercesuite.order.service;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.commercesuite.order.client.StripeEvents;
import dev.commercesuite.order.client.StripeIntent;
import dev.commercesuite.order.config.StripeConfig;
import dev.commercesuite.order.domain.InvalidWebhookSignatureException;
import dev.commercesuite.order.domain.Order;
import dev.commercesuite.order.repository.OrderRepository;
import dev.commercesuite.order.repository.StripeEventRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Stripe's webhook deliveries. The signature of the raw body is verified before anything is parsed (a rejected one
 * is audited, with no shop, and answered 400); then each event id is taken once ({@link StripeEventRepository}) in the
 * transaction that applies it, so a replay or a concurrent retry changes nothing. Events may come late, twice and out
 * of order; {@link PaymentSettlement} (the order's own rules) makes each change once and in the right direction.
 * Handled: {@code payment_intent.succeeded}, {@code payment_intent.payment_failed}, {@code charge.refunded}; others are
 * taken and ignored.
 */
@ApplicationScoped
public class StripeWebhooks {

    public static final String ACTOR = "system:stripe-webhook";
    private static final Logger LOG = Logger.getLogger(StripeWebhooks.class);

    /** What a delivery did: {@code paid}, {@code refunded}, {@code failed}, {@code flagged}, {@code unchanged},
     * {@code unknown-order}, {@code ignored}, or {@code replayed} for an event id taken before. */
    public record Receipt(String eventId, String outcome) {
    }

    private final StripeEventRepository events;
    private final OrderRepository orders;
    private final PaymentSettlement settlement;
    private final OrderAudit audit;
    private final ShopNames shopNames;
    private final MeterRegistry meters;
    private final Clock clock;
    private final StripeConfig config;

    public StripeWebhooks(StripeEventRepository events, OrderRepository orders, PaymentSettlement settlement,
            OrderAudit audit, ShopNames shopNames, MeterRegistry meters, Clock clock, StripeConfig config) {
        this.shopNames = shopNames;
        this.events = events;
        this.orders = orders;
        this.settlement = settlement;
        this.audit = audit;
        this.meters = meters;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Takes one delivery: {@code payload} exactly as received and its {@code Stripe-Signature} header. Throws
     * {@link InvalidWebhookSignatureException} (audited) or {@link UnreadablePaymentEventException}.
     */
    public Receipt receive(String payload, String signature, String clientIp) {
        try {
            // a signature's age is measured on the real clock: it is about the delivery, not the shop's time
            StripeEvents.verify(payload, signature, config.webhookSecret().orElse(List.of()),
                    config.webhookTolerance(), Clock.systemUTC());
        } catch (InvalidWebhookSignatureException e) {
            meters.counter("order.stripe.webhooks", "outcome", "signature-rejected").increment();
            LOG.warnf("Stripe webhook refused: signature %s (from %s)", e.reason(), clientIp);
            QuarkusTransaction.requiringNew().run(() -> audit.record(null, "stripe", OrderAudit
                    .WEBHOOK_SIGNATURE_REJECTED, Map.of("reason", e.reason(), "ip", String.valueOf(clientIp))));
            throw e;
        }
        StripeEvents.StripeEvent event = StripeEvents.parse(payload);
        // the shop's name (for the email) is looked up before any lock is taken; the metadata only says where to look
        event.intent().map(intent -> intent.metadata().get("tenantId")).flatMap(StripeWebhooks::uuid)
                .ifPresent(shopNames::of);
        Receipt receipt = QuarkusTransaction.requiringNew().call(() -> apply(event));
        meters.counter("order.stripe.webhooks", "outcome", receipt.outcome()).increment();
        return receipt;
    }

    private Receipt apply(StripeEvents.StripeEvent event) {
        if (!events.take(event.id(), event.type(), clock.instant())) {
            return new Receipt(event.id(), "replayed");
        }
        Optional<Order> order = Optional.empty();
        String outcome;
        if (event.intent().isPresent() && !"payment_intent.canceled".equals(event.type())) {
            StripeIntent intent = event.intent().get();
            order = orderOf(intent.id(), Optional.ofNullable(intent.metadata().get("orderId")));
            outcome = order.map(found -> outcome(settlement.settle(found, intent.report(), ACTOR)))
                    .orElse("unknown-order");
        } else if (event.refund().isPresent()) {
            StripeEvents.ChargeRefund refund = event.refund().get();
            order = orderOf(refund.paymentIntentId(), Optional.empty());
            long refunded = refund.refundedInFull() ? refund.amountCharged() : refund.amountRefunded();
            outcome = order.map(found -> outcome(settlement.settleRefund(found, refund.paymentIntentId(), null,
                    refunded, refund.amountCharged(), refund.currency(), ACTOR))).orElse("unknown-order");
        } else {
            outcome = "ignored";
        }
        if ("unknown-order".equals(outcome)) {
            LOG.warnf("Stripe event %s (%s) names no order of this service", event.id(), event.type());
        }
        events.outcome(event.id(), order.map(Order::id).orElse(null), outcome);
        return new Receipt(event.id(), outcome);
    }

    /**
     * The order a payment belongs to, locked: the one checkout created {@code intentId} for, else (a payment whose
     * checkout has not committed yet, or one that is not the order's) the one its metadata names.
     */
    private Optional<Order> orderOf(String intentId, Optional<String> orderId) {
        Optional<Order> order = orders.findByPaymentIntent(intentId);
        if (order.isEmpty()) {
            order = orderId.flatMap(StripeWebhooks::uuid).flatMap(orders::findByIdOptional);
        }
        order.ifPresent(orders::lock);
        return order;
    }

    private static Optional<UUID> uuid(String value) {
        try {
            UUID id = UUID.fromString(value);
            return id.toString().equalsIgnoreCase(value) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String outcome(Order.Settlement settlement) {
        return switch (settlement) {
            case PAID -> "paid";
            case REFUNDED -> "refunded";
            case FAILED -> "failed";
            case FLAGGED -> "flagged";
            case UNCHANGED -> "unchanged";
        };
    }
}
