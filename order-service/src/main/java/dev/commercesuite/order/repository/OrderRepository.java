package dev.commercesuite.order.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.order.domain.Order;
import dev.commercesuite.order.domain.OrderStatus;
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

    /**
     * Up to {@code limit} orders in one of {@code statuses} placed before {@code cutoff}, oldest first, their rows
     * locked until the transaction ends; rows another transaction holds (a customer cancelling right now) are
     * skipped rather than waited for. Native for {@code FOR NO KEY UPDATE SKIP LOCKED}: choosing and locking the batch
     * must be one statement, so replicas never pick the same order. Uses {@code orders_status_created}.
     */
    public List<Order> lockOlderThan(Collection<OrderStatus> statuses, Instant cutoff, int limit) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = getEntityManager().createNativeQuery("SELECT id FROM orders WHERE status IN (?1)"
                + " AND created_at < ?2 ORDER BY created_at LIMIT ?3 FOR NO KEY UPDATE SKIP LOCKED", UUID.class)
                .setParameter(1, statuses.stream().map(OrderStatus::value).toList())
                .setParameter(2, cutoff)
                .setParameter(3, limit)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return list("id in ?1 order by createdAt, id", ids);
    }
}
