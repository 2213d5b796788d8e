package dev.commercesuite.order.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.order.domain.Order;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Orders. Every query for a caller names the shop: another shop's order is never found. */
@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<Order, UUID> {

    public Optional<Order> findInShop(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    /**
     * Locks {@code order}'s row until the transaction ends and reloads it, so concurrent changes of one order take
     * turns and each sees what the one before it committed. Native, and lock before reload, because
     * {@code refresh(order, PESSIMISTIC_WRITE)} reads the row first and locks it with a follow-on query whose answer
     * does not replace the state already read: a change committed in between would go unseen.
     */
    public void lock(Order order) {
        getEntityManager().createNativeQuery("SELECT id FROM orders WHERE id = ?1 FOR NO KEY UPDATE")
                .setParameter(1, order.id()).getResultList();
        getEntityManager().refresh(order);
    }
}
