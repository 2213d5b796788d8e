package dev.commercesuite.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.commercesuite.defaults.testing.CapturedEmails;
import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A guest's order paid with Stripe and refunded, end to end through the service's API: checkout creates the
 * PaymentIntent, Stripe's signed webhook pays the order (timeline, audit, "paid" email), the admin refunds it (Stripe
 * confirms at once, or later by its charge.refunded webhook).
 */
@QuarkusTest
class PaymentJourneyTest {

    @Inject
    PlacedOrders placed;

    @Inject
    DataSource dataSource;

    private Sql sql;
    private CapturedEmails emails;
    private UUID shop;
    private final UUID adminId = UUID.randomUUID();

    @BeforeEach
    void shop() {
        sql = new Sql(dataSource);
        emails = CapturedEmails.accepting();
        StripeStub.reset();
        shop = UUID.randomUUID();
        IdentityStub.shop(shop, "pay-" + shop.toString().substring(0, 8), "Paid Mugs", "pro", "active");
    }

    @Test
    void aGuestPaysWithStripeAndTheAdminRefunds() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "payer-" + shop + "@example.com", 1250, 10, 2);
        String intent = StripeStub.acceptCheckout(order.id(), shop, order.orderNumber(), 2500, "EUR");

        given().header("X-Order-Token", order.token()).header("Idempotency-Key", "checkout-1")
                .post("/api/v1/orders/{id}/checkout", order.id())
                .then().statusCode(200)
                .body("paymentIntentId", equalTo(intent))
                .body("clientSecret", equalTo(intent + "_secret_test"))
                .body("publishableKey", equalTo(StripeStub.PUBLISHABLE_KEY))
                .body("amount", equalTo(2500))
                .body("currency", equalTo("eur"));
        assertEquals("awaiting_payment|" + intent, sql.single("SELECT status || '|' || payment_intent_id FROM orders"
                + " WHERE id = ?", order.id()));

        StripeWebhookCalls.deliver(StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), intent, 2500, "eur",
                order.id(), shop)).then().statusCode(200).body("outcome", equalTo("paid"));

        assertEquals("paid", sql.single("SELECT status FROM orders WHERE id = ?", order.id()));
        assertNotNull(sql.single("SELECT paid_at FROM orders WHERE id = ?", order.id()));
        assertEquals(List.of("pending|guest", "awaiting_payment|guest", "paid|system:stripe-webhook"),
                sql.column("SELECT status || '|' || actor FROM order_events WHERE order_id = ? ORDER BY at, id",
                        order.id()));
        assertEquals(List.of("awaiting_payment>paid"), sql.column("SELECT (metadata->>'from') || '>' ||"
                + " (metadata->>'to') FROM audit_events WHERE tenant_id = ? AND action = 'order-status-changed'"
                + " AND metadata->>'orderId' = ?", shop, order.id().toString()));
        JsonNode paid = awaitEmail(order.email(), "paid");
        assertEquals("Paid Mugs", paid.path("shopName").asText());
        assertEquals(String.valueOf(order.orderNumber()), paid.path("data").path("orderNumber").asText());
        // the customer's status page shows the payment on its timeline
        given().queryParam("token", order.token()).get("/api/v1/orders/{id}/status", order.id())
                .then().statusCode(200)
                .body("status", equalTo("paid"))
                .body("paidAt", notNullValue())
                .body("timeline.status", hasItems("awaiting_payment", "paid"))
                .body("timeline[2].note", equalTo("Payment received."));

        StripeStub.refundAnswers(intent, order.id(), 2500, "EUR", "succeeded");
        given().auth().oauth2(admin()).header("Idempotency-Key", "refund-1")
                .post("/api/v1/orders/{id}/refund", order.id())
                .then().statusCode(200).body("status", equalTo("refunded"));
        assertEquals("refunded|re_test_" + order.id().toString().replace("-", ""),
                sql.single("SELECT status || '|' || refund_id FROM orders WHERE id = ?", order.id()));
        assertEquals("refunded", awaitEmail(order.email(), "refunded").path("data").path("status").asText());
        // the same refund again answers the first answer; Stripe's own news of it changes nothing
        given().auth().oauth2(admin()).header("Idempotency-Key", "refund-1")
                .post("/api/v1/orders/{id}/refund", order.id())
                .then().statusCode(200).header("Idempotent-Replayed", "true");
        StripeWebhookCalls.deliver(StripeWebhookCalls.refunded(StripeWebhookCalls.eventId(), intent, 2500, 2500,
                "eur")).then().statusCode(200).body("outcome", equalTo("unchanged"));
        assertEquals(1, sql.count("SELECT count(*) FROM order_events WHERE order_id = ? AND status = 'refunded'",
                order.id()));
        assertEquals(1, sql.count("SELECT count(*) FROM order_events WHERE order_id = ? AND status = 'paid'",
                order.id()));
    }

    @Test
    void aPendingRefundIsFinishedByStripesWebhook() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "pending-" + shop + "@example.com", 900, null, 1);
        String intent = StripeStub.acceptCheckout(order.id(), shop, order.orderNumber(), 900, "EUR");
        given().header("X-Order-Token", order.token()).header("Idempotency-Key", "c")
                .post("/api/v1/orders/{id}/checkout", order.id()).then().statusCode(200);
        StripeWebhookCalls.deliver(StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), intent, 900, "eur",
                order.id(), shop)).then().statusCode(200);

        StripeStub.refundAnswers(intent, order.id(), 900, "EUR", "pending");
        given().auth().oauth2(admin()).header("Idempotency-Key", "r")
                .post("/api/v1/orders/{id}/refund", order.id())
                .then().statusCode(202).body("status", equalTo("paid"));
        assertEquals("paid|re_test_" + order.id().toString().replace("-", ""),
                sql.single("SELECT status || '|' || refund_id FROM orders WHERE id = ?", order.id()));
        assertEquals(1, sql.count("SELECT count(*) FROM audit_events WHERE tenant_id = ? AND action ="
                + " 'refund-requested'", shop));

        StripeWebhookCalls.deliver(StripeWebhookCalls.refunded(StripeWebhookCalls.eventId(), intent, 900, 900,
                "eur")).then().statusCode(200).body("outcome", equalTo("refunded"));
        assertEquals("refunded", sql.single("SELECT status FROM orders WHERE id = ?", order.id()));
        awaitEmail(order.email(), "refunded");
    }

    @Test
    void onlyAnAdminRefundsAndOnlyAPaidOrder() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "unpaid-" + shop + "@example.com", 500, null, 1);
        given().auth().oauth2(admin()).header("Idempotency-Key", "r1")
                .post("/api/v1/orders/{id}/refund", order.id())
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/order-not-payable"))
                .body("orderStatus", equalTo("pending"));
        String staff = TestTokens.user(UUID.randomUUID().toString(), "staff@example.com", shop.toString(),
                Set.of("staff"));
        given().auth().oauth2(staff).header("Idempotency-Key", "r2").post("/api/v1/orders/{id}/refund", order.id())
                .then().statusCode(403);
        given().header("X-Order-Token", order.token()).header("Idempotency-Key", "r3")
                .post("/api/v1/orders/{id}/refund", order.id()).then().statusCode(401);
        String otherAdmin = TestTokens.user(UUID.randomUUID().toString(), "a@example.com",
                UUID.randomUUID().toString(), Set.of("admin"));
        given().auth().oauth2(otherAdmin).header("Idempotency-Key", "r4")
                .post("/api/v1/orders/{id}/refund", order.id()).then().statusCode(404);
        assertEquals(0, StripeStub.client().find(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/v1/refunds"))).size());
    }

    private String admin() {
        return TestTokens.user(adminId.toString(), "admin@example.com", shop.toString(), Set.of("admin"));
    }

    private JsonNode awaitEmail(String to, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> emails.all(to, "order-status-update").stream()
                .anyMatch(email -> status.equals(email.path("data").path("status").asText())));
        return emails.all(to, "order-status-update").stream()
                .filter(email -> status.equals(email.path("data").path("status").asText())).findFirst().orElseThrow();
    }
}
