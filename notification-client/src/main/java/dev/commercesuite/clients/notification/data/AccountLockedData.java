package dev.commercesuite.clients.notification.data;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Data of the {@code account-locked} email: how long (1 to 1440 minutes) the account stays locked. */
@RegisterForReflection
public record AccountLockedData(String name, long minutes) {
}
