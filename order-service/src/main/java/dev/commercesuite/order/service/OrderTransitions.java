package dev.commercesuite.order.service;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.clients.notification.EmailMessage;
import dev.commercesuite.clients.notification.NotificationEmails;
import dev.commercesuite.clients.notification.data.OrderCancelledData;
import dev.commercesuite.clients.notification.data.OrderStatusUpdateData;
import dev.commercesuite.defaults.outbox.OutboxWriter;
import dev.commercesuite.order.domain.AccessTokens;
import dev.commercesuite.order.domain.InvalidStatusTransitionException;
import dev.commercesuite.order.domain.Order;
import dev.commercesuite.order.domain.OrderEvent;
import dev.commercesuite.order.domain.OrderItem;
import dev.commercesuite.order.domain.OrderStatus;
import dev.commercesuite.order.repository.ProductRepository;

/**
 * What every status change does besides the change itself, whoever asks for it (staff, the customer, the stale-order
 * job): a cancellation puts the stock back (the products locked in id order, after the order), the change is audited
 * ({@code order-status-changed}), a cancellation is counted, and the customer is emailed through the outbox ({@code order-status-update}, or
 * {@code order-cancelled}) with a link carrying a fresh access token. All of it in the caller's transaction, which
 * holds the order's row lock.
 */
@ApplicationScoped
class OrderTransitions {

    private final ProductRepository products;
    private final OrderAudit audit;
    private final OutboxWriter outbox;
    private final OrderMeters meters;
    private final Clock clock;

    OrderTransitions(ProductRepository products, OrderAudit audit, OutboxWriter outbox, OrderMeters meters,
            Clock clock) {
        this.products = products;
        this.audit = audit;
        this.outbox = outbox;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Moves {@code order} (locked by the caller) to {@code next}; the email names the shop {@code shopName} (none when
     * null). Throws {@link InvalidStatusTransitionException}, having changed nothing, when the order's status does not
     * lead there.
     */
    OrderEvent apply(Order order, OrderStatus next, String actor, String note, String trackingUrl, String shopName) {
        OrderStatus from = order.status();
        if (!from.canChangeTo(next)) {
            throw new InvalidStatusTransitionException(from, next);
        }
        Instant now = clock.instant();
        OrderEvent event;
        if (next == OrderStatus.CANCELLED) {
            List<UUID> productIds = order.items().stream().map(OrderItem::productId).toList();
            event = order.cancel(actor, note, products.lockInShop(order.tenantId(), productIds), now);
            meters.cancelled();
        } else {
            event = order.changeStatus(next, actor, note, trackingUrl, now);
        }
        announce(order, from, event, actor, shopName);
        return event;
    }

    /**
     * What follows a change the order made itself ({@code from} -> {@code event}, e.g. paid on Stripe's word): the
     * audit entry and the customer's email with a fresh access token, in the caller's transaction.
     */
    void announce(Order order, OrderStatus from, OrderEvent event, String actor, String shopName) {
        String token = AccessTokens.generate();
        order.grantAccessToken(token, clock.instant());
        audit.record(order.tenantId(), actor, OrderAudit.ORDER_STATUS_CHANGED, metadata(order, from, event));
        outbox.enqueue(NotificationEmails.NAME, email(order, event, token).withShop(shopName));
    }

    private static Map<String, Object> metadata(Order order, OrderStatus from, OrderEvent event) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("orderId", order.id());
        metadata.put("orderNumber", order.orderNumber());
        metadata.put("from", from.value());
        metadata.put("to", event.status().value());
        if (event.note() != null) {
            metadata.put("note", event.note());
        }
        if (event.trackingUrl() != null) {
            metadata.put("trackingUrl", event.trackingUrl());
        }
        return metadata;
    }

    private static EmailMessage email(Order order, OrderEvent event, String token) {
        String tenant = order.tenantId().toString();
        String number = String.valueOf(order.orderNumber());
        String id = order.id().toString();
        if (event.status() == OrderStatus.CANCELLED) {
            return EmailMessage.orderCancelled(order.email(), tenant,
                    new OrderCancelledData(order.name(), number, id, token, event.note()));
        }
        return EmailMessage.orderStatusUpdate(order.email(), tenant, new OrderStatusUpdateData(order.name(), number,
                id, token, event.status().label(), event.trackingUrl(), event.note()));
    }
}
