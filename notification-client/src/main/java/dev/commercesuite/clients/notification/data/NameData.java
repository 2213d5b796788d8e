package dev.commercesuite.clients.notification.data;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Data of the {@code password-changed} email. */
@RegisterForReflection
public record NameData(String name) {
}
