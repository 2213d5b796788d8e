package dev.commercesuite.identity.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.commercesuite.identity.domain.User;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Users; every lookup by address is within one shop. */
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    public Optional<User> findByEmail(UUID tenantId, String email) {
        return find("tenantId = ?1 and email = ?2", tenantId, email).firstResultOptional();
    }

    /**
     * The user with its row locked for the rest of the transaction, so concurrent attempts on one account (wrong
     * passwords, resets) count one after the other.
     */
    public Optional<User> lockByEmail(UUID tenantId, String email) {
        return find("tenantId = ?1 and email = ?2", tenantId, email).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public Optional<User> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The user of this shop with its row locked for the rest of the transaction; another shop's user is not found. */
    public Optional<User> lockInTenant(UUID id, UUID tenantId) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /** The user, only within its own shop. */
    public Optional<User> findInTenant(UUID id, UUID tenantId) {
        return findByIdOptional(id).filter(user -> user.tenantId().equals(tenantId));
    }

    /** Stores a new user now: the rows that refer to it (tokens) are written with native statements next. */
    public void add(User user) {
        persistAndFlush(user);
    }
}
