package dev.commercesuite.order.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.query.NativeQuery;

/**
 * The Stripe events already taken ({@code stripe_events}): the ledger that makes each event id count once. Native
 * SQL, because taking an event must be one atomic statement: {@code INSERT ... ON CONFLICT DO NOTHING} in the
 * transaction that applies it, so of two deliveries of one event (a retry racing the first) exactly one inserts, and
 * the other waits for it to commit and then finds the id taken.
 */
@ApplicationScoped
public class StripeEventRepository {

    private final EntityManager entityManager;

    public StripeEventRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Takes event {@code id} now; false when it was taken before (a replay, which must change nothing). */
    public boolean take(String id, String type, Instant now) {
        return entityManager.createNativeQuery("INSERT INTO stripe_events (id, type, outcome, received_at)"
                + " VALUES (?1, ?2, 'received', ?3) ON CONFLICT (id) DO NOTHING")
                .unwrap(NativeQuery.class)
                .setParameter(1, id, String.class)
                .setParameter(2, type, String.class)
                .setParameter(3, now, Instant.class)
                .executeUpdate() == 1;
    }

    /** Records what event {@code id}, taken in this transaction, did, and to which order. */
    public void outcome(String id, UUID orderId, String outcome) {
        entityManager.createNativeQuery("UPDATE stripe_events SET order_id = ?2, outcome = ?3 WHERE id = ?1")
                .unwrap(NativeQuery.class)
                .setParameter(1, id, String.class)
                .setParameter(2, orderId, UUID.class)
                .setParameter(3, outcome, String.class)
                .executeUpdate();
    }

    /** Deletes up to {@code limit} events received before {@code cutoff}; answers how many. */
    public int deleteOlderThan(Instant cutoff, int limit) {
        return entityManager.createNativeQuery("DELETE FROM stripe_events WHERE id IN (SELECT id FROM stripe_events"
                + " WHERE received_at < ?1 LIMIT ?2)")
                .setParameter(1, cutoff)
                .setParameter(2, limit)
                .executeUpdate();
    }
}
