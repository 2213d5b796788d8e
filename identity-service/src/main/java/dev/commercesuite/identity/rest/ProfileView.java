package dev.commercesuite.identity.rest;

import java.time.Instant;
import java.util.UUID;

import dev.commercesuite.identity.repository.IdentityRepository;

/** A user's own profile as the API shows it (never the password hash or lockout state). */
public record ProfileView(UUID id, UUID tenantId, String email, String name, String role, boolean emailVerified,
        Instant createdAt) {

    static ProfileView of(IdentityRepository.Profile profile) {
        return new ProfileView(profile.id(), profile.tenantId(), profile.email(), profile.name(), profile.role(),
                profile.emailVerified(), profile.createdAt());
    }
}
