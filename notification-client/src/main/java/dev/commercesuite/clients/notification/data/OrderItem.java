package dev.commercesuite.clients.notification.data;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One line of an order in the confirmation email; the unit price is in minor units of the order's currency. */
@RegisterForReflection
public record OrderItem(String name, int quantity, long unitPrice) {
}
