package dev.commercesuite.identity.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** PostgreSQL advisory locks, for work that one replica at a time should do. */
@ApplicationScoped
public class AdvisoryLocks {

    private final EntityManager entityManager;

    public AdvisoryLocks(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Takes the lock {@code key} until the transaction ends, if nobody holds it; answers whether it did. */
    public boolean tryForTransaction(long key) {
        return (Boolean) entityManager.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, key).getSingleResult();
    }
}
