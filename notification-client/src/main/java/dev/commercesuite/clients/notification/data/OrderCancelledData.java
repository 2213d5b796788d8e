package dev.commercesuite.clients.notification.data;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Data of the {@code order-cancelled} email; the reason may be null. */
@RegisterForReflection
public record OrderCancelledData(String name, String orderNumber, String orderId, String accessToken,
        String reason) {
}
