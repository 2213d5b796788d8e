package dev.commercesuite.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.CapturedEmails;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Orders placed and cancelled, the payment provider's news by outcome, and payments flagged for the staff by reason
 * are counted as they happen; every series exists before its first event.
 */
@QuarkusTest
class OrderMetricsTest {

    private static final List<String> PAYMENT_OUTCOMES = List.of("paid", "failed", "refunded", "flagged");
    private static final List<String> MISMATCHES = List.of("does-not-match", "paid-after-cancel",
            "order-not-payable", "refund-not-allowed");

    @Inject
    PlacedOrders placed;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    private Sql sql;
    private UUID shop;
    private String slug;

    @BeforeEach
    void shop() {
        sql = new Sql(dataSource);
        CapturedEmails.accepting();
        StripeStub.reset();
        shop = UUID.randomUUID();
        slug = OrderFixtures.slug("counted");
        IdentityStub.shop(shop, slug, "Counted", "pro", "active");
    }

    @Test
    void placingAndCancellingAnOrderAreCounted() {
        double created = counter("order.orders.created");
        double cancelled = counter("order.orders.cancelled");
        UUID product = placed.product(shop, "Mug", 500, "EUR", 3);

        String id = OrderFixtures.place(OrderFixtures.guestOrder(slug, "counted@example.com", "Ann", product, 1), null)
                .then().statusCode(201).extract().path("id");
        OrderFixtures.place(OrderFixtures.guestOrder(slug, "counted@example.com", "Ann", product, 9), null)
                .then().statusCode(409);
        assertEquals(created + 1, counter("order.orders.created"), "the refused order is not counted");
        assertEquals(cancelled, counter("order.orders.cancelled"));

        given().auth().oauth2(OrderFixtures.staff(shop)).contentType("application/json").header("If-Match", "\"0\"")
                .body("{\"status\":\"cancelled\"}").patch("/api/v1/orders/{id}/status", id)
                .then().statusCode(200).body("status", equalTo("cancelled"));
        assertEquals(cancelled + 1, counter("order.orders.cancelled"));
    }

    @Test
    void paymentNewsIsCountedByOutcomeAndFlaggedPaymentsByReason() throws Exception {
        Map<String, Double> payments = counts("order.payments", "outcome", PAYMENT_OUTCOMES);
        Map<String, Double> mismatches = counts("order.payment.mismatches", "reason", MISMATCHES);

        Checkout refunded = checkedOut();
        deliver(StripeWebhookCalls.failed(StripeWebhookCalls.eventId(), refunded.intent(), 700, "eur", refunded.id(),
                shop, "insufficient_funds"), "failed");
        deliver(StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), refunded.intent(), 700, "eur",
                refunded.id(), shop), "paid");
        deliver(StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), refunded.intent(), 700, "eur",
                refunded.id(), shop), "unchanged");
        deliver(StripeWebhookCalls.refunded(StripeWebhookCalls.eventId(), refunded.intent(), 700, 700, "eur"),
                "refunded");
        Checkout short1 = checkedOut();
        deliver(StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), short1.intent(), 699, "eur", short1.id(),
                shop), "flagged");
        Checkout cancelled = checkedOut();
        sql.execute("UPDATE orders SET status = 'cancelled' WHERE id = ?", cancelled.id());
        deliver(StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), cancelled.intent(), 700, "eur",
                cancelled.id(), shop), "flagged");

        assertEquals(Map.of("paid", 1.0, "failed", 1.0, "refunded", 1.0, "flagged", 2.0),
                moved(payments, counts("order.payments", "outcome", PAYMENT_OUTCOMES)));
        assertEquals(Map.of("does-not-match", 1.0, "paid-after-cancel", 1.0, "order-not-payable", 0.0,
                "refund-not-allowed", 0.0), moved(mismatches, counts("order.payment.mismatches", "reason",
                        MISMATCHES)));
    }

    private record Checkout(UUID id, String intent) {
    }

    /** An order of 700 (EUR) checked out through the API: awaiting payment with the stub's PaymentIntent. */
    private Checkout checkedOut() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "counted-" + UUID.randomUUID() + "@example.com", 700,
                null, 1);
        String intent = StripeStub.acceptCheckout(order.id(), shop, order.orderNumber(), 700, "EUR");
        given().header("X-Order-Token", order.token()).header("Idempotency-Key", "k")
                .post("/api/v1/orders/{id}/checkout", order.id()).then().statusCode(200);
        return new Checkout(order.id(), intent);
    }

    private static void deliver(String event, String outcome) {
        StripeWebhookCalls.deliver(event).then().statusCode(200).body("outcome", equalTo(outcome));
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    /** Each tag value's count; a series missing from the registry fails the test. */
    private Map<String, Double> counts(String name, String tag, List<String> values) {
        Map<String, Double> counts = new LinkedHashMap<>();
        for (String value : values) {
            counts.put(value, registry.get(name).tag(tag, value).counter().count());
        }
        return counts;
    }

    private static Map<String, Double> moved(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> moved = new LinkedHashMap<>();
        after.forEach((key, count) -> moved.put(key, count - before.get(key)));
        return moved;
    }
}
