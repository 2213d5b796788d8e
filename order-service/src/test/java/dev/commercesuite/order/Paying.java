package dev.commercesuite.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Locale;
import java.util.UUID;

import io.restassured.path.json.JsonPath;

/**
 * Orders paid the only way an order can be paid: checkout through the API as its guest would (Stripe's side answered
 * by {@link StripeStub}), then Stripe's signed {@code payment_intent.succeeded} for the order's total
 * ({@link StripeWebhookCalls}). Nobody sets a payment status by hand ({@code status-set-by-payments}), so a test that
 * needs an order awaiting payment or paid gets it here. Each step asserts it worked and bumps the order's version.
 */
final class Paying {

    /** A checked-out order's PaymentIntent, as Stripe's stub knows it. */
    record Checkout(String intentId, long amount, String currency) {
    }

    private Paying() {
    }

    /** Checks {@code order} out with its access token (X-Order-Token): it awaits payment of its total now. */
    static Checkout checkout(PlacedOrders.Placed order) {
        JsonPath status = given().queryParam("token", order.token()).get("/api/v1/orders/{id}/status", order.id())
                .then().statusCode(200).extract().jsonPath();
        long amount = status.getLong("total");
        String currency = status.getString("currency");
        String intent = StripeStub.acceptCheckout(order.id(), order.tenantId(), order.orderNumber(), amount,
                currency);
        given().header("X-Order-Token", order.token()).header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/orders/{id}/checkout", order.id())
                .then().statusCode(200).body("paymentIntentId", equalTo(intent));
        given().queryParam("token", order.token()).get("/api/v1/orders/{id}/status", order.id())
                .then().statusCode(200).body("status", equalTo("awaiting_payment"));
        return new Checkout(intent, amount, currency);
    }

    /**
     * Checks {@code order} out and delivers Stripe's signed news that its PaymentIntent succeeded in full: the order
     * is paid (timeline, audit entry, {@code order-status-update} email, as Stripe's webhook does it).
     */
    static Checkout pay(PlacedOrders.Placed order) {
        Checkout checkout = checkout(order);
        StripeWebhookCalls.deliver(StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), checkout.intentId(),
                checkout.amount(), checkout.currency().toLowerCase(Locale.ROOT), order.id(), order.tenantId()))
                .then().statusCode(200).body("outcome", equalTo("paid"));
        return checkout;
    }

    /** The order's current ETag, as the status JSON answers it. */
    static String etag(PlacedOrders.Placed order) {
        return given().queryParam("token", order.token()).get("/api/v1/orders/{id}/status", order.id())
                .then().statusCode(200).extract().header("ETag");
    }
}
