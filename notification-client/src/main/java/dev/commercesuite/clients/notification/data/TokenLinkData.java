package dev.commercesuite.clients.notification.data;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of the {@code verify-email} and {@code password-reset} emails: the recipient's name and the one-time token
 * (URL-safe, 16 to 256 characters) the link carries. notification-service builds the link from its public URL.
 */
@RegisterForReflection
public record TokenLinkData(String name, String token) {
}
