package dev.commercesuite.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.CapturedEmails;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code POST /api/v1/orders/{id}/payment/verify}: a client back from paying before Stripe's webhook asks the service
 * to look; the PaymentIntent is read from Stripe and applied with the webhook's rules.
 */
@QuarkusTest
class PaymentVerifyTest {

    @Inject
    PlacedOrders placed;

    @Inject
    DataSource dataSource;

    private Sql sql;
    private UUID shop;

    @BeforeEach
    void shop() {
        sql = new Sql(dataSource);
        CapturedEmails.accepting();
        StripeStub.reset();
        shop = UUID.randomUUID();
        IdentityStub.shop(shop, "verify-" + shop.toString().substring(0, 8), "Verified", "pro", "active");
    }

    @Test
    void verifyPaysAnOrderStripeSaysIsPaidAndOnlyThen() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "v-" + shop + "@example.com", 450, null, 2);
        given().header("X-Order-Token", order.token()).post("/api/v1/orders/{id}/payment/verify", order.id())
                .then().statusCode(409)
                .body("type", equalTo("https://commercesuite.dev/problems/payment-not-started"));

        String intent = StripeStub.acceptCheckout(order.id(), shop, order.orderNumber(), 900, "EUR");
        given().header("X-Order-Token", order.token()).header("Idempotency-Key", "c")
                .post("/api/v1/orders/{id}/checkout", order.id()).then().statusCode(200);
        // the customer has not paid yet: verify changes nothing
        given().header("X-Order-Token", order.token()).post("/api/v1/orders/{id}/payment/verify", order.id())
                .then().statusCode(200).body("status", equalTo("awaiting_payment"));

        StripeStub.intentIs(intent, "succeeded", 900, 900, "EUR", order.id(), shop, order.orderNumber(), null);
        given().post("/api/v1/orders/{id}/payment/verify", order.id()).then().statusCode(401);
        given().header("X-Order-Token", "not-the-token").post("/api/v1/orders/{id}/payment/verify", order.id())
                .then().statusCode(404);
        assertEquals("awaiting_payment", sql.single("SELECT status FROM orders WHERE id = ?", order.id()));

        given().header("X-Order-Token", order.token()).post("/api/v1/orders/{id}/payment/verify", order.id())
                .then().statusCode(200).body("status", equalTo("paid"));
        assertEquals("paid|system:payment-verify", sql.single("SELECT o.status || '|' || e.actor FROM orders o"
                + " JOIN order_events e ON e.order_id = o.id AND e.status = 'paid' WHERE o.id = ?", order.id()));
        // the webhook that follows changes nothing
        StripeWebhookCalls.deliver(StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), intent, 900, "eur",
                order.id(), shop)).then().statusCode(200).body("outcome", equalTo("unchanged"));
    }

    @Test
    void verifyNeverPaysOnAPaymentOfTheWrongAmount() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "w-" + shop + "@example.com", 450, null, 1);
        String intent = StripeStub.acceptCheckout(order.id(), shop, order.orderNumber(), 450, "EUR");
        given().header("X-Order-Token", order.token()).header("Idempotency-Key", "c")
                .post("/api/v1/orders/{id}/checkout", order.id()).then().statusCode(200);
        StripeStub.intentIs(intent, "succeeded", 450, 1, "EUR", order.id(), shop, order.orderNumber(), null);
        given().header("X-Order-Token", order.token()).post("/api/v1/orders/{id}/payment/verify", order.id())
                .then().statusCode(200).body("status", equalTo("awaiting_payment"));
        assertEquals("payment " + intent + " does not match this order: amount",
                sql.single("SELECT payment_issue FROM orders WHERE id = ?", order.id()));
    }
}
