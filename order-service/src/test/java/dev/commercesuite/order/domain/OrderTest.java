package dev.commercesuite.order.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/** The order aggregate's rules without a database: placing with stock, the timeline, cancelling, the access token. */
class OrderTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final UUID SHOP = UUID.randomUUID();
    private static final String TOKEN = "tK3n-0123456789abcdefghijklmnopqrstuvwxyzABCD";
    private static final Order.Buyer GUEST = new Order.Buyer(null, "ann@example.com", "Ann");

    private static Product product(String sku, long price, String currency, Integer stock) {
        return Product.create(UUID.randomUUID(), SHOP, sku, "Name of " + sku, null, price, currency, stock, true, T0);
    }

    private static Order place(List<Order.Line> lines) {
        return Order.place(UUID.randomUUID(), SHOP, 1001, GUEST, lines, TOKEN, T0);
    }

    @Test
    void placingCopiesTheCatalogIntoTheLinesAndReservesTheStock() {
        Product mug = product("mug", 1250, "EUR", 5);
        Product poster = product("poster", 999, "EUR", null);
        UUID customer = UUID.randomUUID();

        Order order = Order.place(UUID.randomUUID(), SHOP, 1042, new Order.Buyer(customer, "bo@example.com", "Bo"),
                List.of(new Order.Line(mug, 2), new Order.Line(poster, 3)), TOKEN, T0);

        assertEquals(3, mug.stock());
        assertNull(poster.stock(), "unlimited stays unlimited");
        assertEquals(OrderStatus.PENDING, order.status());
        assertEquals(1042, order.orderNumber());
        assertEquals("EUR", order.currency());
        assertEquals(2 * 1250 + 3 * 999, order.subtotal());
        assertEquals(order.subtotal(), order.total());
        assertEquals(List.of(1, 2), order.items().stream().map(OrderItem::lineNo).toList());
        OrderItem first = order.items().get(0);
        assertEquals(List.of(mug.id(), "mug", "Name of mug", 2, 1250L, 2500L), List.of(first.productId(), first.sku(),
                first.name(), first.quantity(), first.unitPrice(), first.lineTotal()));
        assertEquals(1, order.events().size());
        OrderEvent placed = order.events().get(0);
        assertEquals(List.of(OrderStatus.PENDING, T0, "user:" + customer), List.of(placed.status(), placed.at(),
                placed.actor()));
        assertTrue(order.placedBy(customer));
        assertFalse(order.placedBy(UUID.randomUUID()));
        assertFalse(place(List.of(new Order.Line(product("x", 1, "EUR", null), 1))).placedBy(null),
                "a guest's order is nobody's");
        assertEquals("guest", place(List.of(new Order.Line(product("y", 1, "EUR", null), 1))).events().get(0).actor());
    }

    @Test
    void stockIsReservedAllOrNothingAndTheShortLinesAreNamedInLineOrder() {
        Product plenty = product("plenty", 100, "EUR", 5);
        Product short1 = product("short1", 100, "EUR", 1);
        Product exact = product("exact", 100, "EUR", 2);
        Product none = product("none", 100, "EUR", 0);

        OutOfStockException refused = assertThrows(OutOfStockException.class, () -> place(List.of(
                new Order.Line(plenty, 2), new Order.Line(short1, 2), new Order.Line(exact, 2),
                new Order.Line(none, 1))));

        assertEquals(List.of(short1.id(), none.id()), refused.productIds());
        assertEquals(List.of(5, 1, 2, 0), List.of(plenty.stock(), short1.stock(), exact.stock(), none.stock()),
                "nothing reserved");
        place(List.of(new Order.Line(exact, 2)));
        assertEquals(0, exact.stock(), "the last units can be sold");
        assertThrows(OutOfStockException.class, () -> place(List.of(new Order.Line(exact, 1))));
        assertEquals(0, exact.stock(), "never below zero");
    }

    @Test
    void placingRefusesWhatTheCallerShouldHaveCheckedAndReservesNothing() {
        Product mug = product("mug", 100, "EUR", 10);
        Product dollars = product("usd", 100, "USD", 10);
        Product inactive = Product.create(UUID.randomUUID(), SHOP, "old", "Old", null, 100, "EUR", 10, false, T0);
        Product foreign = Product.create(UUID.randomUUID(), UUID.randomUUID(), "theirs", "Theirs", null, 100, "EUR", 10,
                true, T0);
        List<Order.Line> tooMany = new ArrayList<>();
        for (int i = 0; i <= Order.MAX_ITEMS; i++) {
            tooMany.add(new Order.Line(product("p" + i, 1, "EUR", null), 1));
        }
        List<Supplier<Order>> refused = List.of(
                () -> place(List.of()),
                () -> place(tooMany),
                () -> place(List.of(new Order.Line(mug, 0))),
                () -> place(List.of(new Order.Line(mug, Order.MAX_QUANTITY + 1))),
                () -> place(List.of(new Order.Line(mug, 1), new Order.Line(mug, 1))),
                () -> place(List.of(new Order.Line(mug, 1), new Order.Line(dollars, 1))),
                () -> place(List.of(new Order.Line(mug, 1), new Order.Line(inactive, 1))),
                () -> place(List.of(new Order.Line(mug, 1), new Order.Line(foreign, 1))));
        for (Supplier<Order> attempt : refused) {
            assertThrows(IllegalArgumentException.class, attempt::get);
        }
        assertEquals(List.of(10, 10, 10, 10), List.of(mug.stock(), dollars.stock(), inactive.stock(), foreign.stock()));
    }

    @Test
    void everyChangeAppendsItsTimelineEntryWithActorNoteAndTrackingUrl() {
        Order order = place(List.of(new Order.Line(product("mug", 100, "EUR", 1), 1)));

        order.changeStatus(OrderStatus.AWAITING_PAYMENT, "system:checkout", null, null, T0.plusSeconds(60));
        order.changeStatus(OrderStatus.PAID, "system:stripe", "card", null, T0.plusSeconds(120));
        OrderEvent shipped = order.changeStatus(OrderStatus.SHIPPED, "user:staff", "two parcels",
                "https://track.example/1", T0.plusSeconds(180));
        order.changeStatus(OrderStatus.DELIVERED, "user:staff", null, null, T0.plusSeconds(240));

        assertEquals(List.of(OrderStatus.PENDING, OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID, OrderStatus.SHIPPED,
                OrderStatus.DELIVERED), order.events().stream().map(OrderEvent::status).toList());
        assertEquals(shipped, order.events().get(3));
        assertEquals(List.of("user:staff", "two parcels", "https://track.example/1", T0.plusSeconds(180)),
                List.of(shipped.actor(), shipped.note(), shipped.trackingUrl(), shipped.at()));
        assertNull(order.events().get(4).trackingUrl());
        assertEquals("https://track.example/1", order.trackingUrl(), "a later change without a URL keeps it");
        assertEquals(OrderStatus.DELIVERED, order.status());
        assertEquals(T0.plusSeconds(240), order.updatedAt());
        assertEquals(T0, order.createdAt());
        assertThrows(UnsupportedOperationException.class, () -> order.events().clear());
    }

    @Test
    void everyImpossibleTransitionIsRefusedNamingWhereTheOrderCouldGoAndChangesNothing() {
        for (OrderStatus from : OrderStatus.values()) {
            Set<OrderStatus> impossible = EnumSet.allOf(OrderStatus.class);
            impossible.removeAll(from.next());
            for (OrderStatus to : impossible) {
                Product mug = product("mug", 100, "EUR", 3);
                Order order = orderIn(from, mug);
                int events = order.events().size();
                Instant updated = order.updatedAt();

                InvalidStatusTransitionException refused = assertThrows(InvalidStatusTransitionException.class,
                        () -> change(order, to, mug), from.value() + " -> " + to.value());

                assertEquals(List.of(from, to, from.next()), List.of(refused.from(), refused.to(), refused.allowed()));
                assertEquals(from, order.status());
                assertEquals(events, order.events().size(), "no timeline entry");
                assertEquals(updated, order.updatedAt());
                assertEquals(2, mug.stock(), from.value() + " -> " + to.value() + " moved no stock");
            }
        }
    }

    @Test
    void cancellingReturnsTheReservedStockExactlyOnce() {
        Product mug = product("mug", 100, "EUR", 5);
        Product poster = product("poster", 100, "EUR", null);
        Order order = place(List.of(new Order.Line(mug, 3), new Order.Line(poster, 2)));
        order.changeStatus(OrderStatus.AWAITING_PAYMENT, "system:checkout", null, null, T0.plusSeconds(1));
        assertEquals(2, mug.stock());

        OrderEvent cancelled = order.cancel("guest", "changed my mind", List.of(poster, mug), T0.plusSeconds(2));

        assertEquals(5, mug.stock());
        assertNull(poster.stock());
        assertEquals(OrderStatus.CANCELLED, order.status());
        assertEquals(List.of("guest", "changed my mind", T0.plusSeconds(2)), List.of(cancelled.actor(),
                cancelled.note(), cancelled.at()));
        assertThrows(InvalidStatusTransitionException.class,
                () -> order.cancel("guest", null, List.of(poster, mug), T0.plusSeconds(3)));
        assertEquals(5, mug.stock(), "a second cancellation returns nothing");
        assertEquals(3, order.events().size());
    }

    @Test
    void aCancellationCannotSkipTheStockOrUseTheWrongProducts() {
        Product mug = product("mug", 100, "EUR", 5);
        Product other = product("other", 100, "EUR", 5);
        Order order = place(List.of(new Order.Line(mug, 3)));

        assertThrows(IllegalArgumentException.class,
                () -> order.changeStatus(OrderStatus.CANCELLED, "guest", null, null, T0));
        assertThrows(IllegalArgumentException.class, () -> order.cancel("guest", null, List.of(other), T0));
        Product foreign = Product.create(mug.id(), UUID.randomUUID(), "mug", "Mug", null, 100, "EUR", 5, true, T0);
        assertThrows(IllegalArgumentException.class, () -> order.cancel("guest", null, List.of(foreign), T0));

        assertEquals(OrderStatus.PENDING, order.status());
        assertEquals(List.of(2, 5, 5), List.of(mug.stock(), other.stock(), foreign.stock()));
        assertEquals(1, order.events().size());
    }

    @Test
    void paidOrdersCannotBeCancelled() {
        Product mug = product("mug", 100, "EUR", 5);
        Order order = orderIn(OrderStatus.PAID, mug);

        InvalidStatusTransitionException refused = assertThrows(InvalidStatusTransitionException.class,
                () -> order.cancel("user:someone", null, List.of(mug), T0));

        assertEquals(Set.of(OrderStatus.SHIPPED, OrderStatus.REFUNDED), refused.allowed());
        assertEquals(4, mug.stock());
    }

    @Test
    void onlyTheOrdersOwnTokenOpensIt() {
        Order order = place(List.of(new Order.Line(product("mug", 100, "EUR", null), 1)));

        assertTrue(order.accessibleWith(TOKEN));
        assertFalse(order.accessibleWith(null));
        assertFalse(order.accessibleWith(""));
        assertFalse(order.accessibleWith(TOKEN.substring(1)));
        assertFalse(order.accessibleWith(TOKEN + "x"));
        assertFalse(order.accessibleWith(TOKEN.toUpperCase()));
        Order other = Order.place(UUID.randomUUID(), SHOP, 1002, GUEST,
                List.of(new Order.Line(product("cup", 100, "EUR", null), 1)), TOKEN + "2", T0);
        assertFalse(other.accessibleWith(TOKEN));
    }

    @Test
    void aTokenGrantedForALaterEmailOpensTheOrderAsWellAsTheFirst() {
        Order order = place(List.of(new Order.Line(product("mug", 100, "EUR", null), 1)));
        String later = AccessTokens.generate();
        assertFalse(order.accessibleWith(later));

        order.grantAccessToken(later, T0.plusSeconds(60));
        String latest = AccessTokens.generate();
        order.grantAccessToken(latest, T0.plusSeconds(120));

        assertTrue(order.accessibleWith(TOKEN));
        assertTrue(order.accessibleWith(later));
        assertTrue(order.accessibleWith(latest));
        assertFalse(order.accessibleWith(AccessTokens.generate()));
        assertFalse(order.accessibleWith(later.substring(0, 42)));
    }

    @Test
    void generatedTokensCarry256RandomBitsUrlSafe() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = AccessTokens.generate();
            assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
            tokens.add(token);
        }
        assertEquals(1000, tokens.size());
        assertEquals(32, AccessTokens.sha256("x").length);
    }

    /** An order of one unit of {@code product}, moved along the machine to {@code status}. */
    private static Order orderIn(OrderStatus status, Product product) {
        Order order = place(List.of(new Order.Line(product, 1)));
        List<OrderStatus> path = switch (status) {
            case PENDING -> List.of();
            case AWAITING_PAYMENT -> List.of(OrderStatus.AWAITING_PAYMENT);
            case PAID -> List.of(OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID);
            case SHIPPED -> List.of(OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID, OrderStatus.SHIPPED);
            case DELIVERED -> List.of(OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID, OrderStatus.SHIPPED,
                    OrderStatus.DELIVERED);
            case REFUNDED -> List.of(OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID, OrderStatus.REFUNDED);
            case CANCELLED -> List.of(OrderStatus.CANCELLED);
        };
        Instant at = T0;
        for (OrderStatus step : path) {
            at = at.plus(Duration.ofMinutes(1));
            if (step == OrderStatus.CANCELLED) {
                order.cancel("test", null, List.of(product), at);
                product.reserve(1, at); // keep the product's stock where the other paths leave it
            } else {
                order.changeStatus(step, "test", null, null, at);
            }
        }
        assertEquals(status, order.status());
        return order;
    }

    private static void change(Order order, OrderStatus to, Product product) {
        if (to == OrderStatus.CANCELLED) {
            order.cancel("test", null, List.of(product), T0.plusSeconds(3600));
        } else {
            order.changeStatus(to, "test", null, null, T0.plusSeconds(3600));
        }
    }
}
