package dev.commercesuite.order.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.commercesuite.defaults.paging.Cursor;
import dev.commercesuite.order.domain.Caller;
import dev.commercesuite.order.domain.Order;
import dev.commercesuite.order.domain.OrderStatus;
import dev.commercesuite.order.repository.OrderRepository;

/**
 * What a signed-in user may read of a shop's orders: staff and admins see all of their shop's, a customer only the
 * ones they placed. Anything else is as if it did not exist.
 */
@ApplicationScoped
public class OrderQueries {

    private final OrderRepository orders;

    public OrderQueries(OrderRepository orders) {
        this.orders = orders;
    }

    /** Filters a list may apply (each optional). */
    public record Filter(Optional<OrderStatus> status, Optional<String> email, Optional<Instant> createdFrom,
            Optional<Instant> createdTo) {
    }

    /** One page of orders and where the next one starts (empty on the last page). */
    public record OrderPage(List<Order> orders, Optional<Cursor> next) {
    }

    /** The order with this id, if {@code caller} may see it. Its lines are loaded for the caller to show. */
    @Transactional
    public Optional<Order> find(Caller caller, UUID id) {
        Optional<Order> order = orders.findInShop(caller.tenantId(), id)
                .filter(found -> caller.isStaff() || found.placedBy(caller.userId()));
        order.ifPresent(found -> found.items().size());
        return order;
    }

    /** The orders {@code caller} may see that match {@code filter}, newest first, {@code limit} at a time. */
    @Transactional
    public OrderPage list(Caller caller, Filter filter, Optional<Cursor> after, int limit) {
        OrderRepository.Filter query = new OrderRepository.Filter(caller.tenantId(),
                caller.isStaff() ? Optional.empty() : Optional.of(caller.userId()), filter.status(), filter.email(),
                filter.createdFrom(), filter.createdTo());
        List<Order> found = orders.page(query, after.map(Cursor::createdAt), after.map(Cursor::id), limit + 1);
        List<Order> page = found.size() > limit ? found.subList(0, limit) : found;
        orders.loadItems(page);
        Optional<Cursor> next = found.size() > limit
                ? Optional.of(new Cursor(page.get(limit - 1).createdAt(), page.get(limit - 1).id()))
                : Optional.empty();
        return new OrderPage(List.copyOf(page), next);
    }
}
