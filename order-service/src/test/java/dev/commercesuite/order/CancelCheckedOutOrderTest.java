package dev.commercesuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.CapturedEmails;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A customer (or staff) cancelling an order that awaits payment: its PaymentIntent is cancelled at Stripe first, so
 * nobody pays an order being cancelled; a payment that went through meanwhile wins; Stripe unavailable changes
 * nothing.
 */
@QuarkusTest
class CancelCheckedOutOrderTest {

    @Inject
    PlacedOrders placed;

    @Inject
    StripeHealth stripe;

    @Inject
    DataSource dataSource;

    private Sql sql;
    private UUID shop;

    @BeforeEach
    void shop() {
        sql = new Sql(dataSource);
        CapturedEmails.accepting();
        stripe.restore();
        shop = UUID.randomUUID();
        IdentityStub.shop(shop, "cancel-" + shop.toString().substring(0, 8), "Cancel Mugs", "pro", "active");
    }

    @Test
    void theGuestCancelsAndStripeCancelsThePaymentFirst() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "c-" + shop + "@example.com", 300, 5, 2);
        Paying.Checkout checkout = Paying.checkout(order);
        StripeStub.cancelWorks(checkout.intentId(), 600, "EUR", order.id(), shop, order.orderNumber());

        cancel(order).then().statusCode(200);
        assertEquals("cancelled", status(order));
        assertEquals(5, stock(order), "the stock came back");
        assertEquals(1, StripeStub.client().find(postRequestedFor(urlEqualTo(StripeStub.INTENTS + "/"
                + checkout.intentId() + "/cancel")).withHeader("Idempotency-Key",
                        equalTo("order-" + order.id() + "-cancel-" + checkout.intentId()))).size());
    }

    @Test
    void aPaymentThatWentThroughMeanwhileWinsOverTheCancellation() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "p-" + shop + "@example.com", 300, 5, 1);
        Paying.Checkout checkout = Paying.checkout(order);
        StripeStub.cancelRefusedAsSucceeded(checkout.intentId());
        StripeStub.intentIs(checkout.intentId(), "succeeded", 300, 300, "EUR", order.id(), shop, order.orderNumber(),
                null);

        // the order changed under the caller's ETag: it is paid now
        cancel(order).then().statusCode(412);
        assertEquals("paid", status(order));
        assertEquals(4, stock(order), "a paid order keeps its stock");
    }

    @Test
    void aPaymentBeingProcessedCannotBeCancelled() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "s-" + shop + "@example.com", 300, 5, 1);
        Paying.Checkout checkout = Paying.checkout(order);
        // a bank debit under way: Stripe refuses to cancel it, and it may still succeed
        StripeStub.cancelRefusedAsSucceeded(checkout.intentId());
        StripeStub.intentIs(checkout.intentId(), "processing", 300, 0, "EUR", order.id(), shop, order.orderNumber(),
                null);

        cancel(order).then().statusCode(409).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://commercesuite.dev/problems/payment-in-progress"));
        assertEquals("awaiting_payment", status(order));
        assertEquals(4, stock(order), "the stock stays reserved");
    }

    @Test
    void stripeUnavailableChangesNothing() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "d-" + shop + "@example.com", 300, 5, 1);
        Paying.checkout(order);
        StripeStub.down();
        try {
            cancel(order).then().statusCode(503).header("Retry-After", org.hamcrest.Matchers.notNullValue());
            assertEquals("awaiting_payment", status(order));
            assertEquals(4, stock(order));
        } finally {
            stripe.restore();
        }
    }

    @Test
    void aPendingOrderIsCancelledWithoutAskingStripe() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "n-" + shop + "@example.com", 300, 5, 1);
        cancel(order).then().statusCode(200);
        assertEquals("cancelled", status(order));
        assertEquals(0, StripeStub.client().find(postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/v1/.*"))).size());
    }

    private io.restassured.response.Response cancel(PlacedOrders.Placed order) {
        return given().header("X-Order-Token", order.token()).header("If-Match", Paying.etag(order))
                .contentType("application/json").body("{\"status\":\"cancelled\"}")
                .patch("/api/v1/orders/{id}/status", order.id());
    }

    private String status(PlacedOrders.Placed order) {
        return sql.single("SELECT status FROM orders WHERE id = ?", order.id());
    }

    private long stock(PlacedOrders.Placed order) {
        return Long.parseLong(sql.single("SELECT stock::text FROM products WHERE id = ?", order.productIds().get(0)));
    }
}
