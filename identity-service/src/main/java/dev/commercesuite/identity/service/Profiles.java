package dev.commercesuite.identity.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.identity.domain.User;
import dev.commercesuite.identity.repository.UserRepository;

/** A signed-in user's own account, read only within the shop their token names. */
@ApplicationScoped
public class Profiles {

    private final UserRepository users;

    public Profiles(UserRepository users) {
        this.users = users;
    }

    public Optional<User> find(UUID userId, UUID tenantId) {
        return users.findInTenant(userId, tenantId);
    }
}
