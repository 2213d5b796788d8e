package dev.commercesuite.clients.notification.data;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Data of the {@code order-status-update} email; the tracking link (https) and the note may be null. */
@RegisterForReflection
public record OrderStatusUpdateData(String name, String orderNumber, String orderId, String accessToken,
        String status, String trackingUrl, String note) {
}
