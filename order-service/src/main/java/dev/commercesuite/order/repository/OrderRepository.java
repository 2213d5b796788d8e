package dev.commercesuite.order.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.order.domain.Order;
import dev.commercesuite.order.domain.OrderStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

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
     * must be one statement, so replicas never pick the same order. Uses {@code orders_status_created}. An order with a
     * payment that a job asked Stripe about at or after {@code checkedBefore} is left out: the job is dealing with it.
     */
    public List<Order> lockOlderThan(Collection<OrderStatus> statuses, Instant cutoff, Instant checkedBefore,
            int limit) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = getEntityManager().createNativeQuery("SELECT id FROM orders WHERE status IN (?1)"
                + " AND created_at < ?2 AND (payment_intent_id IS NULL OR payment_checked_at IS NULL"
                + " OR payment_checked_at < ?4) ORDER BY created_at LIMIT ?3 FOR NO KEY UPDATE SKIP LOCKED", UUID.class)
                .setParameter(1, statuses.stream().map(OrderStatus::value).toList())
                .setParameter(2, cutoff)
                .setParameter(3, limit)
                .setParameter(4, checkedBefore)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return list("id in ?1 order by createdAt, id", ids);
    }

    /** The order checkout created PaymentIntent {@code intentId} for. */
    public Optional<Order> findByPaymentIntent(String intentId) {
        return find("paymentIntentId", intentId).firstResultOptional();
    }

    /**
     * Up to {@code limit} orders awaiting payment since before {@code cutoff} that no job asked Stripe about since
     * {@code checkedBefore}, oldest checkout first, their rows locked until the transaction ends (skipping rows another
     * transaction holds). Native for {@code FOR NO KEY UPDATE SKIP LOCKED}, as {@link #lockOlderThan}; uses
     * {@code orders_awaiting_payment}.
     */
    public List<Order> lockAwaitingPayment(Instant cutoff, Instant checkedBefore, int limit) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = getEntityManager().createNativeQuery("SELECT id FROM orders WHERE status = 'awaiting_payment'"
                + " AND awaiting_payment_since < ?1 AND (payment_checked_at IS NULL OR payment_checked_at < ?2)"
                + " ORDER BY awaiting_payment_since LIMIT ?3 FOR NO KEY UPDATE SKIP LOCKED", UUID.class)
                .setParameter(1, cutoff)
                .setParameter(2, checkedBefore)
                .setParameter(3, limit)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return list("id in ?1 order by awaitingPaymentSince, id", ids);
    }

    /**
     * Which of a shop's orders a list shows: all of them, or one customer's; optionally only one status, one address
     * (in any case), and those created in [from, to).
     */
    public record Filter(UUID tenantId, Optional<UUID> customerId, Optional<OrderStatus> status,
            Optional<String> email, Optional<Instant> createdFrom, Optional<Instant> createdTo) {
    }

    /**
     * Up to {@code limit} orders matching {@code filter}, newest first by (createdAt, id), after the position
     * ({@code afterCreatedAt}, {@code afterId}) where the previous page ended. A keyset query: each filter has its
     * index (V2: shop, shop + status, shop + customer; V4: shop + lower(email); each by created_at, id), so a page is
     * one index range scan however deep the client reads.
     */
    public List<Order> page(Filter filter, Optional<Instant> afterCreatedAt, Optional<UUID> afterId, int limit) {
        List<String> where = new ArrayList<>(List.of("o.tenantId = :tenant"));
        Parameters parameters = Parameters.with("tenant", filter.tenantId());
        if (filter.customerId().isPresent()) {
            where.add("o.customerId = :customer");
            parameters.and("customer", filter.customerId().get());
        }
        if (filter.status().isPresent()) {
            where.add("o.status = :status");
            parameters.and("status", filter.status().get());
        }
        if (filter.email().isPresent()) {
            where.add("lower(o.email) = :email");
            parameters.and("email", filter.email().get().toLowerCase(Locale.ROOT));
        }
        if (filter.createdFrom().isPresent()) {
            where.add("o.createdAt >= :from");
            parameters.and("from", filter.createdFrom().get());
        }
        if (filter.createdTo().isPresent()) {
            where.add("o.createdAt < :to");
            parameters.and("to", filter.createdTo().get());
        }
        if (afterCreatedAt.isPresent() && afterId.isPresent()) {
            where.add("(o.createdAt, o.id) < (:afterCreatedAt, :afterId)");
            parameters.and("afterCreatedAt", afterCreatedAt.get()).and("afterId", afterId.get());
        }
        return find("from Order o where " + String.join(" and ", where) + " order by o.createdAt desc, o.id desc",
                parameters).page(0, limit).list();
    }

    /** Loads the lines of {@code orders} (of this persistence context) in one query instead of one per order. */
    public void loadItems(List<Order> orders) {
        if (!orders.isEmpty()) {
            find("select distinct o from Order o left join fetch o.items where o.id in ?1",
                    orders.stream().map(Order::id).toList()).list();
        }
    }
}
