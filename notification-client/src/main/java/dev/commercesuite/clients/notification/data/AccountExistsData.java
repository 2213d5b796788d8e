package dev.commercesuite.clients.notification.data;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Data of the {@code account-exists} email: the shop's name, optional. */
@RegisterForReflection
public record AccountExistsData(String shopName) {
}
