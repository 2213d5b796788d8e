package dev.commercesuite.clients.notification.data;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Data of the {@code welcome} email. */
@RegisterForReflection
public record WelcomeData(String name) {
}
