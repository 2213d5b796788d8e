package dev.commercesuite.clients.notification.data;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of the {@code order-confirmation} email: the items and totals in minor units of {@code currency} (ISO 4217);
 * {@code shipping} and {@code tax} may be null. The status page link is built from the order id and access token.
 */
@RegisterForReflection
public record OrderConfirmationData(String name, String orderNumber, String orderId, String accessToken,
        String currency, List<OrderItem> items, Long subtotal, Long shipping, Long tax, Long total) {
}
