package dev.commercesuite.order;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.commercesuite.defaults.ids.UuidV7;
import dev.commercesuite.order.domain.AccessTokens;
import dev.commercesuite.order.domain.Order;
import dev.commercesuite.order.domain.Product;
import dev.commercesuite.order.repository.OrderCounters;
import dev.commercesuite.order.repository.ProductRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Products and placed orders for the status tests, written as the order service will write them (the products
 * locked, an order number drawn, {@code Order.place} reserving the stock), each in a transaction of its own. Answers
 * the plain access token, which only the confirmation email would otherwise carry.
 */
@ApplicationScoped
public class PlacedOrders {

    /** A placed order and what a test needs to reach it. */
    public record Placed(UUID id, UUID tenantId, long orderNumber, String token, String email, List<UUID> productIds) {
    }

    private final EntityManager entityManager;
    private final ProductRepository products;
    private final OrderCounters counters;
    private final Clock clock;

    public PlacedOrders(EntityManager entityManager, ProductRepository products, OrderCounters counters,
            Clock clock) {
        this.entityManager = entityManager;
        this.products = products;
        this.counters = counters;
        this.clock = clock;
    }

    /** A new active product of the shop; {@code stock} null is unlimited. */
    public UUID product(UUID tenantId, String name, long price, String currency, Integer stock) {
        return QuarkusTransaction.requiringNew().call(() -> {
            UUID id = UuidV7.next();
            entityManager.persist(Product.create(id, tenantId, "sku-" + id, name, null, price, currency, stock,
                    true, clock.instant()));
            return id;
        });
    }

    /** An order of a guest ({@code customerId} null) or a signed-in customer, of these products and quantities. */
    public Placed place(UUID tenantId, UUID customerId, String email, String name, Map<UUID, Integer> lines) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<UUID, Product> locked = new LinkedHashMap<>();
            products.lockInShop(tenantId, lines.keySet()).forEach(product -> locked.put(product.id(), product));
            List<Order.Line> orderLines = new ArrayList<>();
            lines.forEach((productId, quantity) -> orderLines.add(new Order.Line(locked.get(productId), quantity)));
            String token = AccessTokens.generate();
            Order order = Order.place(UuidV7.next(), tenantId, counters.nextOrderNumber(tenantId),
                    new Order.Buyer(customerId, email, name), orderLines, token, clock.instant());
            entityManager.persist(order);
            return new Placed(order.id(), tenantId, order.orderNumber(), token, email, List.copyOf(lines.keySet()));
        });
    }

    /** A guest's order of {@code quantity} units of one new product with {@code stock} (null: unlimited). */
    public Placed guestOrder(UUID tenantId, String email, long price, Integer stock, int quantity) {
        UUID product = product(tenantId, "Mug", price, "EUR", stock);
        return place(tenantId, null, email, "Ann Guest", Map.of(product, quantity));
    }
}
