package dev.commercesuite.order.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.commercesuite.clients.notification.EmailMessage;
import dev.commercesuite.clients.notification.NotificationEmails;
import dev.commercesuite.clients.notification.data.OrderConfirmationData;
import dev.commercesuite.clients.notification.data.OrderItem;
import dev.commercesuite.defaults.ids.UuidV7;
import dev.commercesuite.defaults.outbox.OutboxWriter;
import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.order.client.ShopDirectory;
import dev.commercesuite.order.domain.Order;
import dev.commercesuite.order.domain.OutOfStockException;
import dev.commercesuite.order.domain.Product;
import dev.commercesuite.order.domain.Shop;
import dev.commercesuite.order.repository.OrderCounters;
import dev.commercesuite.order.repository.OrderRepository;
import dev.commercesuite.order.repository.ProductRepository;

/**
 * Places orders: the shop must take orders, every line must be one of its active products in one currency, the
 * shop's tier must allow another order this UTC month, and every line's stock must suffice; then the order gets the
 * shop's next number, its stock is reserved, its confirmation email is queued and {@code order-placed} is audited,
 * all in one transaction (and the order is counted once it commits).
 */
@ApplicationScoped
public class OrderPlacement {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ACCESS_TOKEN_BYTES = 32;

    private final ShopDirectory shops;
    private final ProductRepository products;
    private final OrderRepository orders;
    private final OrderCounters counters;
    private final OutboxWriter outbox;
    private final OrderAudit audit;
    private final OrderMeters meters;
    private final Clock clock;
    private final String publicUrl;

    public OrderPlacement(ShopDirectory shops, ProductRepository products, OrderRepository orders,
            OrderCounters counters, OutboxWriter outbox, OrderAudit audit, OrderMeters meters, Clock clock,
            @ConfigProperty(name = "suite.public-url", defaultValue = "http://localhost:8080") String publicUrl) {
        this.shops = shops;
        this.products = products;
        this.orders = orders;
        this.counters = counters;
        this.outbox = outbox;
        this.audit = audit;
        this.meters = meters;
        this.clock = clock;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    /**
     * The shop named by {@code idOrSlug}, if it takes orders: {@link ShopSuspendedException} when it is suspended,
     * {@code UnknownShopException} when there is none. Asked before the order's transaction: it may call
     * identity-service.
     */
    public Shop shopTakingOrders(String idOrSlug) {
        Shop shop = shops.shop(idOrSlug);
        if (!shop.takesOrders()) {
            throw new ShopSuspendedException();
        }
        return shop;
    }

    /**
     * Places {@code request} in {@code shop}. Refusals: {@link InvalidRequestException} naming
     * {@code items[i].productId} for a product that is not the shop's, not active, or in another currency than the
     * first line's; {@link OrderLimitReachedException}; {@link OutOfStockException} naming the short products. Each
     * rolls the transaction back, returning the number and the month's count taken.
     */
    @Transactional
    public PlacedOrder place(Shop shop, PlaceOrder request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Order.Line> lines = lines(shop, request.lines());
        LocalDate month = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1);
        if (!counters.countOrder(shop.id(), month, shop.tier().monthlyOrderLimit())) {
            throw new OrderLimitReachedException(shop.tier().monthlyOrderLimit().orElseThrow(),
                    month.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        long number = counters.nextOrderNumber(shop.id());
        String accessToken = newAccessToken();
        Order.Buyer buyer = new Order.Buyer(request.customerId(), request.email(), request.name());
        Order order = Order.place(UuidV7.next(), shop.id(), number, buyer, lines, accessToken, now);
        orders.persist(order);
        outbox.enqueue(NotificationEmails.NAME, EmailMessage.orderConfirmation(order.email(), shop.id().toString(),
                confirmation(order, accessToken)).withShop(shop.name()));
        audit.record(shop.id(), buyer.actor(), OrderAudit.ORDER_PLACED, Map.of("orderId", order.id(),
                "orderNumber", order.orderNumber(), "lines", order.items().size(), "total", order.total(),
                "currency", order.currency()));
        meters.created();
        return new PlacedOrder(order, accessToken, statusUrl(order, accessToken));
    }

    /** The requested lines with their products, locked; refuses any product the shop does not sell in one currency. */
    private List<Order.Line> lines(Shop shop, List<PlaceOrder.Line> requested) {
        Map<UUID, Product> found = products.lockInShop(shop.id(),
                requested.stream().map(PlaceOrder.Line::productId).toList())
                .stream().collect(Collectors.toMap(Product::id, Function.identity()));
        List<Problem.FieldError> errors = new ArrayList<>();
        List<Order.Line> lines = new ArrayList<>();
        String currency = null;
        for (int i = 0; i < requested.size(); i++) {
            PlaceOrder.Line line = requested.get(i);
            Product product = found.get(line.productId());
            String field = "items[" + i + "].productId";
            if (product == null || !product.active()) {
                errors.add(new Problem.FieldError(field, "is not a product this shop sells"));
                continue;
            }
            if (currency == null) {
                currency = product.currency();
            } else if (!currency.equals(product.currency())) {
                errors.add(new Problem.FieldError(field, "is priced in " + product.currency()
                        + " but the order's first product in " + currency + "; an order has one currency"));
                continue;
            }
            lines.add(new Order.Line(product, line.quantity()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return lines;
    }

    private static OrderConfirmationData confirmation(Order order, String accessToken) {
        List<OrderItem> items = order.items().stream()
                .map(item -> new OrderItem(item.name(), item.quantity(), item.unitPrice())).toList();
        return new OrderConfirmationData(order.name(), Long.toString(order.orderNumber()), order.id().toString(),
                accessToken, order.currency(), items, order.subtotal(), null, null, order.total());
    }

    private String statusUrl(Order order, String accessToken) {
        return publicUrl + "/orders/" + order.id() + "?token=" + URLEncoder.encode(accessToken, StandardCharsets.UTF_8);
    }

    /** 256 random bits, URL-safe Base64 without padding (43 characters). */
    private static String newAccessToken() {
        byte[] bytes = new byte[ACCESS_TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
