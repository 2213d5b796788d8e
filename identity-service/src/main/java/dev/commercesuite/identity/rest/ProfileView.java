package dev.commercesuite.identity.rest;

import java.time.Instant;
import java.util.UUID;

import dev.commercesuite.identity.domain.User;

/** A user's own profile as the API shows it (never the password hash or lockout state). */
public record ProfileView(UUID id, UUID tenantId, String email, String name, String role, boolean emailVerified,
        Instant createdAt) {

    static ProfileView of(User user) {
        return new ProfileView(user.id(), user.tenantId(), user.email(), user.name(), user.role().value(),
                user.isVerified(), user.createdAt());
    }
}
