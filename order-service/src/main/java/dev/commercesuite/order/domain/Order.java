package dev.commercesuite.order.domain;

import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.commercesuite.defaults.ids.UuidV7;

/**
 * An order: the aggregate of its lines and its timeline. It is placed once, with prices and names copied from the
 * catalog and stock reserved from each product, and afterwards changes only through {@link #changeStatus} and
 * {@link #cancel} (which also returns the reserved stock); both know the allowed transitions
 * ({@link OrderStatus#next()}) and append each change to the timeline. The customer reaches it with an access token
 * of which only the SHA-256 is kept.
 * <p>
 * Payment statuses are the payment provider's to set, never a person's: {@link #awaitPayment} (checkout),
 * {@link #settle} (what Stripe reports about the order's payment: paid only when it is this order's payment in full)
 * and {@link #settleRefund}. A payment that does not match is not taken: the order is flagged with a
 * {@link #paymentIssue()} for the shop's staff instead.
 */
@Entity
@Table(name = "orders")
public class Order {

    /** Most lines one order may have. */
    public static final int MAX_ITEMS = 100;
    /** Most units of one product one line may have. */
    public static final int MAX_QUANTITY = 100;

    @Id
    private UUID id;

    @Column(name = "tenant_id")
    private UUID tenantId;

    @Column(name = "order_number")
    private long orderNumber;

    @Column(name = "customer_id")
    private UUID customerId;

    private String email;

    private String name;

    @Convert(converter = OrderStatusConverter.class)
    private OrderStatus status;

    private String currency;

    private long subtotal;

    private long total;

    @Column(name = "access_token_hash")
    private byte[] accessTokenHash;

    @Column(name = "tracking_url")
    private String trackingUrl;

    @Column(name = "payment_intent_id")
    private String paymentIntentId;

    @Column(name = "awaiting_payment_since")
    private Instant awaitingPaymentSince;

    @Column(name = "payment_checked_at")
    private Instant paymentCheckedAt;

    @Column(name = "payment_failure")
    private String paymentFailure;

    @Column(name = "payment_issue")
    private String paymentIssue;

    @Column(name = "paid_at")
    private Instant paidAt;

    @Column(name = "refund_id")
    private String refundId;

    @Column(name = "refunded_at")
    private Instant refundedAt;

    @Version
    private long version;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("lineNo")
    private List<OrderItem> items = new ArrayList<>();

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("at, id")
    private List<OrderEvent> events = new ArrayList<>();

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<OrderAccessToken> accessTokens = new ArrayList<>();

    protected Order() {
    }

    /** Who places an order: a signed-in customer (with their user id) or a guest (no id). */
    public record Buyer(UUID customerId, String email, String name) {

        public Buyer {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(name, "name");
        }

        public String actor() {
            return customerId == null ? "guest" : "user:" + customerId;
        }
    }

    /** One requested line: a product of the shop's catalog, loaded and locked by the caller, and how many. */
    public record Line(Product product, int quantity) {
    }

    /**
     * Places order number {@code orderNumber} of shop {@code tenantId}: every product must be the shop's, active and
     * in one currency, with at most {@link #MAX_ITEMS} distinct lines of 1 to {@link #MAX_QUANTITY} units (the
     * caller has told the client which field broke which rule; here they are invariants). Reserves each line's stock,
     * all or nothing: when any line lacks stock nothing is reserved and {@link OutOfStockException} names those lines.
     */
    public static Order place(UUID id, UUID tenantId, long orderNumber, Buyer buyer, List<Line> lines,
            String accessToken, Instant now) {
        requireValid(tenantId, lines);
        List<UUID> shortLines = lines.stream().filter(line -> !line.product().hasStockFor(line.quantity()))
                .map(line -> line.product().id()).toList();
        if (!shortLines.isEmpty()) {
            throw new OutOfStockException(shortLines);
        }
        Order order = new Order();
        order.id = id;
        order.tenantId = tenantId;
        order.orderNumber = orderNumber;
        order.customerId = buyer.customerId();
        order.email = buyer.email();
        order.name = buyer.name();
        order.status = OrderStatus.PENDING;
        order.currency = lines.get(0).product().currency();
        order.accessTokenHash = sha256(accessToken);
        order.createdAt = now;
        order.updatedAt = now;
        long subtotal = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            line.product().reserve(line.quantity(), now);
            OrderItem item = new OrderItem(UuidV7.next(), order, i + 1, line.product(), line.quantity());
            order.items.add(item);
            subtotal = Math.addExact(subtotal, item.lineTotal());
        }
        order.subtotal = subtotal;
        order.total = subtotal; // no shipping or tax yet: they arrive with checkout
        order.events.add(new OrderEvent(UuidV7.next(), order, OrderStatus.PENDING, now, buyer.actor(), null, null));
        return order;
    }

    private static void requireValid(UUID tenantId, List<Line> lines) {
        if (lines.isEmpty() || lines.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("an order has 1 to " + MAX_ITEMS + " lines");
        }
        Set<UUID> seen = new HashSet<>();
        String currency = lines.get(0).product().currency();
        for (Line line : lines) {
            Product product = line.product();
            if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                throw new IllegalArgumentException("a line has 1 to " + MAX_QUANTITY + " units");
            }
            if (!product.tenantId().equals(tenantId) || !product.active()) {
                throw new IllegalArgumentException("product " + product.id() + " is not on sale in this shop");
            }
            if (!seen.add(product.id())) {
                throw new IllegalArgumentException("product " + product.id() + " is on two lines");
            }
            if (!product.currency().equals(currency)) {
                throw new IllegalArgumentException("an order is in one currency");
            }
        }
    }

    /**
     * Moves the order to {@code next} and records it on the timeline; a tracking URL given here is kept on the order.
     * Throws {@link InvalidStatusTransitionException} when the current status does not lead there. A cancellation
     * goes through {@link #cancel} instead, which also puts the reserved stock back.
     */
    public OrderEvent changeStatus(OrderStatus next, String actor, String note, String trackingUrl, Instant now) {
        requireTransition(next);
        if (next == OrderStatus.CANCELLED) {
            throw new IllegalArgumentException("a cancellation returns the stock: use cancel(...)");
        }
        return transition(next, actor, note, trackingUrl, now);
    }

    /**
     * Cancels the order (only while it is unpaid, see {@link OrderStatus#next()}) and puts each line's quantity back
     * on its product. {@code products} are the lines' products, loaded and locked by the caller. The stock goes back
     * exactly once: a cancelled order changes no further, so a second cancellation is refused before anything is
     * released. Throws {@link InvalidStatusTransitionException} when the order can no longer be cancelled.
     */
    public OrderEvent cancel(String actor, String note, Collection<Product> products, Instant now) {
        requireTransition(OrderStatus.CANCELLED);
        Map<UUID, Product> byId = new HashMap<>();
        for (Product product : products) {
            if (!product.tenantId().equals(tenantId)) {
                throw new IllegalArgumentException("product " + product.id() + " is not of this order's shop");
            }
            byId.put(product.id(), product);
        }
        List<UUID> missing = items.stream().map(OrderItem::productId).filter(id -> !byId.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the products of lines " + missing + " were not given");
        }
        for (OrderItem item : items) {
            byId.get(item.productId()).release(item.quantity(), now);
        }
        return transition(OrderStatus.CANCELLED, actor, note, null, now);
    }

    private void requireTransition(OrderStatus next) {
        if (!status.canChangeTo(next)) {
            throw new InvalidStatusTransitionException(status, next);
        }
    }

    private OrderEvent transition(OrderStatus next, String actor, String note, String trackingUrl, Instant now) {
        status = next;
        if (trackingUrl != null) {
            this.trackingUrl = trackingUrl;
        }
        updatedAt = now;
        OrderEvent event = new OrderEvent(UuidV7.next(), this, next, nextEventTime(now), actor, note, trackingUrl);
        events.add(event);
        return event;
    }

    /**
     * When a timeline entry made at {@code now} is recorded: a microsecond (what PostgreSQL keeps) after the last
     * entry when that is not already earlier, so two changes in one step (paid and refunded by one refund that
     * overtook its payment's news) keep their order on the timeline.
     */
    private Instant nextEventTime(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        if (!events.isEmpty()) {
            Instant last = events.get(events.size() - 1).at();
            if (!at.isAfter(last)) {
                return last.plus(1, ChronoUnit.MICROS);
            }
        }
        return at;
    }

    /** What a report of the payment provider did to the order. */
    public enum Settlement {
        /** The order is paid now. */
        PAID,
        /** The order is refunded now. */
        REFUNDED,
        /** A failed attempt was recorded; the order still awaits payment. */
        FAILED,
        /** The report does not match the order: it is flagged with a payment issue and otherwise unchanged. */
        FLAGGED,
        /** Nothing new: the same report again, one that is no longer news, or a payment still open. */
        UNCHANGED
    }

    /** Throws {@link OrderNotPayableException} unless the order can still be paid (pending or awaiting payment). */
    public void requirePayable() {
        if (!status.isUnpaid()) {
            throw new OrderNotPayableException(status, "an order that is " + status.label() + " cannot be paid");
        }
    }

    /**
     * Checkout: the order waits for payment {@code intentId} from now. Answers whether anything changed: asking
     * again with the same payment changes nothing (also once it is paid: the checkout that created it may commit after
     * the payment's news did). A new payment replaces the one an order awaiting payment had (Stripe replays a
     * creation for 24 hours only). Throws {@link OrderNotPayableException} for an order that can no longer be paid.
     */
    public boolean awaitPayment(String intentId, String actor, Instant now) {
        Objects.requireNonNull(intentId, "intentId");
        if (intentId.equals(paymentIntentId)) {
            return false;
        }
        requirePayable();
        paymentIntentId = intentId;
        awaitingPaymentSince = now;
        paymentFailure = null;
        if (status == OrderStatus.PENDING) {
            transition(OrderStatus.AWAITING_PAYMENT, actor, null, null, now);
        } else {
            updatedAt = now;
        }
        return true;
    }

    /**
     * Applies what the payment provider reports about a payment of this order (from a webhook, a client's verify,
     * or a job that asked). A succeeded payment pays the order only when it is this order's payment in full
     * ({@link PaymentReport#mismatches}) and the order is unpaid; otherwise the order is flagged
     * ({@link Settlement#FLAGGED}) and not paid. A failed attempt is noted on the timeline while the order awaits
     * payment. Reports arrive late, twice and out of order: the same news twice changes nothing, and a failure after
     * the payment succeeded is ignored.
     */
    public Settlement settle(PaymentReport report, String actor, Instant now) {
        return switch (report.state()) {
            case SUCCEEDED -> settlePaid(report, actor, now);
            case FAILED -> recordFailure(report, actor, now);
            case OPEN, CANCELED -> Settlement.UNCHANGED;
        };
    }

    private Settlement settlePaid(PaymentReport report, String actor, Instant now) {
        if (paidAt != null && report.intentId().equals(paymentIntentId)) {
            return Settlement.UNCHANGED;
        }
        List<String> mismatches = report.mismatches(this);
        if (!mismatches.isEmpty()) {
            return flag("payment " + report.intentId() + " does not match this order: " + String.join(", ",
                    mismatches), now);
        }
        if (!status.isUnpaid()) {
            return flag("payment " + report.intentId() + " was received for an order that is " + status.label(), now);
        }
        pay(report.intentId(), actor, now);
        return Settlement.PAID;
    }

    private void pay(String intentId, String actor, Instant now) {
        paymentIntentId = intentId;
        paidAt = now;
        paymentFailure = null;
        if (status == OrderStatus.PENDING) {
            // paid before its checkout committed: the payment's news overtook it
            transition(OrderStatus.AWAITING_PAYMENT, actor, null, null, now);
        }
        transition(OrderStatus.PAID, actor, "Payment received.", null, now);
    }

    private Settlement recordFailure(PaymentReport report, String actor, Instant now) {
        if (status != OrderStatus.AWAITING_PAYMENT || !report.intentId().equals(paymentIntentId)) {
            return Settlement.UNCHANGED;
        }
        String failure = report.failure();
        if (failure.equals(paymentFailure)) {
            return Settlement.UNCHANGED;
        }
        paymentFailure = failure;
        updatedAt = now;
        events.add(new OrderEvent(UuidV7.next(), this, status, nextEventTime(now), actor,
                "Payment failed: " + failure + ". The payment can be tried again.", null));
        return Settlement.FAILED;
    }

    /**
     * Applies a refund the payment provider reports for payment {@code intentId} of this order: {@code amountRefunded}
     * of the {@code amountCharged} it charged, in {@code currency}. A full refund of a paid or shipped order refunds
     * it; one that overtook the news of the payment itself pays and refunds it (the refund proves the payment); the
     * same refund twice changes nothing. A partial refund changes nothing (full refunds only, so far), and a refund of
     * a delivered or cancelled order flags it for the staff.
     */
    public Settlement settleRefund(String intentId, String refund, long amountRefunded, long amountCharged,
            String currency, String actor, Instant now) {
        if (!intentId.equals(paymentIntentId) || status == OrderStatus.REFUNDED) {
            return Settlement.UNCHANGED;
        }
        boolean inFull = amountCharged == total && amountRefunded >= amountCharged
                && this.currency.equalsIgnoreCase(String.valueOf(currency));
        if (!inFull) {
            return Settlement.UNCHANGED;
        }
        if (status.isUnpaid()) {
            pay(intentId, actor, now);
        }
        if (!status.canChangeTo(OrderStatus.REFUNDED)) {
            return flag("payment " + intentId + " was refunded while the order is " + status.label(), now);
        }
        if (refund != null) {
            refundId = refund;
        }
        refundedAt = now;
        transition(OrderStatus.REFUNDED, actor, "Payment refunded.", null, now);
        return Settlement.REFUNDED;
    }

    /** Throws {@link OrderNotPayableException} unless the order has a payment that can be refunded. */
    public void requireRefundable() {
        if (paidAt == null || !status.canChangeTo(OrderStatus.REFUNDED)) {
            throw new OrderNotPayableException(status, "an order that is " + status.label()
                    + " cannot be refunded");
        }
    }

    /** A refund was asked of the payment provider and is on its way ({@code refund} is its id). */
    public void refundRequested(String refund, Instant now) {
        requireRefundable();
        refundId = refund;
        updatedAt = now;
    }

    /** What checkout needs to ask for a payment, read while the order is loaded. */
    public record PaymentFacts(UUID id, UUID tenantId, long orderNumber, long total, String currency,
            String paymentIntentId) {
    }

    public PaymentFacts paymentFacts() {
        return new PaymentFacts(id, tenantId, orderNumber, total, currency, paymentIntentId);
    }

    /** A job asked the payment provider about this order now (jobs claim orders by this stamp). */
    public void paymentChecked(Instant now) {
        paymentCheckedAt = now;
    }

    private Settlement flag(String issue, Instant now) {
        if (issue.equals(paymentIssue)) {
            return Settlement.UNCHANGED;
        }
        paymentIssue = issue;
        updatedAt = now;
        return Settlement.FLAGGED;
    }

    /**
     * Another access token for this order, for the link of a later email: only the first token's hash is kept, so it
     * cannot be sent again. Every token of the order keeps working.
     */
    public void grantAccessToken(String token, Instant now) {
        accessTokens.add(new OrderAccessToken(UuidV7.next(), this, sha256(token), now));
    }

    /**
     * Whether {@code token} is one of this order's access tokens. Each stored hash is compared in constant time and
     * all of them are compared, so the answer's timing tells nothing about which bytes or which token matched.
     */
    public boolean accessibleWith(String token) {
        if (token == null) {
            return false;
        }
        byte[] presented = sha256(token);
        boolean matches = MessageDigest.isEqual(accessTokenHash, presented);
        for (OrderAccessToken granted : accessTokens) {
            matches |= granted.matches(presented);
        }
        return matches;
    }

    /** Whether the signed-in customer {@code userId} placed this order. */
    public boolean placedBy(UUID userId) {
        return customerId != null && customerId.equals(userId);
    }

    private static byte[] sha256(String token) {
        return AccessTokens.sha256(token);
    }

    public UUID id() {
        return id;
    }

    public UUID tenantId() {
        return tenantId;
    }

    public long orderNumber() {
        return orderNumber;
    }

    public UUID customerId() {
        return customerId;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }

    public OrderStatus status() {
        return status;
    }

    public String currency() {
        return currency;
    }

    public long subtotal() {
        return subtotal;
    }

    public long total() {
        return total;
    }

    public String trackingUrl() {
        return trackingUrl;
    }

    /** The payment provider's id of the payment checkout asked for (a Stripe PaymentIntent), or null. */
    public String paymentIntentId() {
        return paymentIntentId;
    }

    public Instant awaitingPaymentSince() {
        return awaitingPaymentSince;
    }

    /** Why the last payment attempt failed, while the order awaits payment; null otherwise. */
    public String paymentFailure() {
        return paymentFailure;
    }

    /** A payment that did not match the order, for the shop's staff to settle; null when there is none. */
    public String paymentIssue() {
        return paymentIssue;
    }

    public Instant paidAt() {
        return paidAt;
    }

    public String refundId() {
        return refundId;
    }

    public Instant refundedAt() {
        return refundedAt;
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public List<OrderItem> items() {
        return Collections.unmodifiableList(items);
    }

    /** The timeline, oldest first. */
    public List<OrderEvent> events() {
        return Collections.unmodifiableList(events);
    }
}
