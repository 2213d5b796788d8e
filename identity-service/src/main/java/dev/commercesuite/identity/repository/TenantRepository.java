package dev.commercesuite.identity.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.exception.ConstraintViolationException;

import dev.commercesuite.identity.domain.SlugTakenException;
import dev.commercesuite.identity.domain.Tenant;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Shops. */
@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<Tenant, UUID> {

    public Optional<Tenant> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    /** The shop with its row locked for the rest of the transaction (orders concurrent changes and sign-ups). */
    public Optional<Tenant> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Stores a new shop now, so that a taken slug is told here rather than at commit. */
    public void add(Tenant tenant) {
        if (count("slug", tenant.slug()) > 0) {
            throw new SlugTakenException(tenant.slug());
        }
        try {
            persistAndFlush(tenant);
        } catch (ConstraintViolationException e) {
            // two creations of one slug raced past the check; the unique constraint decided
            if (e.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
                throw new SlugTakenException(tenant.slug());
            }
            throw e;
        }
    }
}
