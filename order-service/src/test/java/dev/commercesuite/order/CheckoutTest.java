package dev.commercesuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.commercesuite.defaults.testing.CapturedEmails;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * {@code POST /api/v1/orders/{id}/checkout}: the order's owner (a guest with its access token, or the customer who
 * placed it) gets one Stripe PaymentIntent for the order's total, however often and however concurrently they ask;
 * a repeat with the same Idempotency-Key replays the answer; an order that can no longer be paid is refused without
 * asking Stripe; a declined card is a 402 that names Stripe's codes, never Stripe's message.
 */
@QuarkusTest
class CheckoutTest {

    private static final String CHECKOUT = "/api/v1/orders/{id}/checkout";

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
        IdentityStub.shop(shop, "pay-" + shop.toString().substring(0, 8), "Checkout Mugs", "pro", "active");
    }

    @Test
    void aGuestChecksOutWithTheOrderTokenAndStripeIsAskedForTheOrdersTotalOnce() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "guest-" + shop + "@example.com", 1250, 10, 2);
        String intent = StripeStub.acceptCheckout(order.id(), shop, order.orderNumber(), 2500, "EUR");

        Response answer = checkout(guest(order), order, "checkout-1");

        answer.then().statusCode(200).contentType("application/json")
                .body("paymentIntentId", equalTo(intent))
                .body("clientSecret", equalTo(intent + "_secret_test"))
                .body("publishableKey", equalTo(StripeStub.PUBLISHABLE_KEY))
                .body("amount", equalTo(2500))
                .body("currency", equalTo("eur"));
        assertEquals(Set.of("paymentIntentId", "clientSecret", "publishableKey", "amount", "currency"),
                answer.jsonPath().getMap("").keySet());
        assertEquals("awaiting_payment|" + intent, sql.single("SELECT status || '|' || payment_intent_id FROM orders"
                + " WHERE id = ?", order.id()));
        assertNotNull(sql.single("SELECT awaiting_payment_since FROM orders WHERE id = ?", order.id()));
        assertNull(sql.single("SELECT paid_at FROM orders WHERE id = ?", order.id()));
        assertEquals(List.of("pending|guest", "awaiting_payment|guest"), timeline(order));

        List<LoggedRequest> creations = creations();
        assertEquals(1, creations.size());
        LoggedRequest creation = creations.get(0);
        assertEquals("order-" + order.id() + "-checkout", creation.getHeader("Idempotency-Key"));
        Map<String, String> form = form(creation.getBodyAsString());
        assertEquals("2500", form.get("amount"));
        assertEquals("eur", form.get("currency"));
        assertEquals(order.id().toString(), form.get("metadata[orderId]"));
        assertEquals(shop.toString(), form.get("metadata[tenantId]"));
        assertEquals(Long.toString(order.orderNumber()), form.get("metadata[orderNumber]"));
    }

    @Test
    void aCustomerChecksOutTheirOwnOrderWithTheirAccessToken() {
        UUID customer = UUID.randomUUID();
        UUID product = placed.product(shop, "Lamp", 4000, "EUR", null);
        PlacedOrders.Placed order = placed.place(shop, customer, "cus-" + shop + "@example.com", "Cy",
                Map.of(product, 1));
        String intent = StripeStub.acceptCheckout(order.id(), shop, order.orderNumber(), 4000, "EUR");

        checkout(given().auth().oauth2(OrderFixtures.customer(customer, order.email(), shop)), order, "c-1")
                .then().statusCode(200).body("paymentIntentId", equalTo(intent)).body("amount", equalTo(4000));

        assertEquals("awaiting_payment|" + intent, sql.single("SELECT status || '|' || payment_intent_id FROM orders"
                + " WHERE id = ?", order.id()));
        assertEquals(List.of("pending|user:" + customer, "awaiting_payment|user:" + customer), timeline(order));
        assertEquals(1, creations().size());
    }

    @Test
    void anotherCustomerAWrongOrderTokenOrNoCredentialsReachNothing() {
        UUID customer = UUID.randomUUID();
        UUID product = placed.product(shop, "Lamp", 4000, "EUR", null);
        PlacedOrders.Placed customersOrder = placed.place(shop, customer, "own-" + shop + "@example.com", "Ow",
                Map.of(product, 1));
        PlacedOrders.Placed guestsOrder = placed.guestOrder(shop, "g-" + shop + "@example.com", 700, null, 1);
        StripeStub.acceptCheckout(customersOrder.id(), shop, customersOrder.orderNumber(), 4000, "EUR");
        StripeStub.acceptCheckout(guestsOrder.id(), shop, guestsOrder.orderNumber(), 700, "EUR");

        String otherCustomer = OrderFixtures.customer(UUID.randomUUID(), "other@example.com", shop);
        checkout(given().auth().oauth2(otherCustomer), customersOrder, "k1").then().statusCode(404)
                .contentType("application/problem+json");
        checkout(given().auth().oauth2(otherCustomer), guestsOrder, "k2").then().statusCode(404);
        checkout(given().auth().oauth2(OrderFixtures.staff(shop)), customersOrder, "k3").then().statusCode(404);
        checkout(given().header("X-Order-Token", guestsOrder.token()), customersOrder, "k4").then().statusCode(404);
        checkout(given().header("X-Order-Token", "not-the-token-0123456789abcdef"), guestsOrder, "k5")
                .then().statusCode(404).contentType("application/problem+json");
        checkout(given(), guestsOrder, "k6").then().statusCode(401).contentType("application/problem+json");
        checkout(given().auth().oauth2(OrderFixtures.customer(customer, customersOrder.email(), UUID.randomUUID())),
                customersOrder, "k7").then().statusCode(404);

        assertEquals(0, stripeRequests(), "no one but the owner gets Stripe asked");
        assertEquals("pending", status(customersOrder));
        assertEquals("pending", status(guestsOrder));
    }

    @Test
    void checkoutWithoutAnIdempotencyKeyIsRefused() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "nokey-" + shop + "@example.com", 500, null, 1);
        StripeStub.acceptCheckout(order.id(), shop, order.orderNumber(), 500, "EUR");

        given().header("X-Order-Token", order.token()).post(CHECKOUT, order.id())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("Idempotency-Key"));
        checkout(guest(order), order, "").then().statusCode(400);

        assertEquals(0, stripeRequests());
        assertEquals("pending", status(order));
    }

    @Test
    void aSecondCheckoutWithAnotherKeyAnswersTheSamePaymentIntent() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "twice-" + shop + "@example.com", 990, null, 1);
        String intent = StripeStub.acceptCheckout(order.id(), shop, order.orderNumber(), 990, "EUR");

        String first = checkout(guest(order), order, "first").then().statusCode(200).extract().path("paymentIntentId");
        String second = checkout(guest(order), order, "second").then().statusCode(200)
                .header("Idempotent-Replayed", nullValue()).extract().path("paymentIntentId");

        assertEquals(intent, first);
        assertEquals(intent, second);
        assertEquals(1, creations().size(), "the second checkout reads the PaymentIntent the order awaits");
        assertEquals(intent, sql.single("SELECT payment_intent_id FROM orders WHERE id = ?", order.id()));
        assertEquals(1, sql.count("SELECT count(*) FROM order_events WHERE order_id = ? AND status ="
                + " 'awaiting_payment'", order.id()));
    }

    @Test
    void concurrentCheckoutsOfOneOrderShareOnePaymentIntent() throws Exception {
        PlacedOrders.Placed order = placed.guestOrder(shop, "race-" + shop + "@example.com", 1500, 5, 1);
        String intent = StripeStub.acceptCheckout(order.id(), shop, order.orderNumber(), 1500, "EUR");
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        List<Response> answers = new ArrayList<>();
        try {
            CountDownLatch ready = new CountDownLatch(contenders);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                String key = "race-" + i;
                Callable<Response> attempt = () -> {
                    RequestSpecification request = guest(order);
                    ready.countDown();
                    start.await();
                    return checkout(request, order, key);
                };
                futures.add(pool.submit(attempt));
            }
            ready.await();
            start.countDown();
            for (Future<Response> future : futures) {
                answers.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<Integer> statuses = answers.stream().map(Response::statusCode).toList();
        assertTrue(statuses.stream().allMatch(status -> status == 200 || status == 409), statuses.toString());
        assertTrue(statuses.contains(200), statuses.toString());
        Set<String> intents = new HashSet<>();
        answers.stream().filter(answer -> answer.statusCode() == 200)
                .forEach(answer -> intents.add(answer.jsonPath().getString("paymentIntentId")));
        assertEquals(Set.of(intent), intents);
        answers.stream().filter(answer -> answer.statusCode() == 409).forEach(answer -> assertEquals(
                "https://commercesuite.dev/problems/idempotency-key-in-use", answer.jsonPath().getString("type")));
        assertEquals("awaiting_payment|" + intent, sql.single("SELECT status || '|' || payment_intent_id FROM orders"
                + " WHERE id = ?", order.id()));
        assertEquals(1, sql.count("SELECT count(*) FROM order_events WHERE order_id = ? AND status ="
                + " 'awaiting_payment'", order.id()));
        assertTrue(creations().stream().allMatch(request -> ("order-" + order.id() + "-checkout")
                .equals(request.getHeader("Idempotency-Key"))), "every creation carries the order's key");
    }

    @Test
    void aRepeatWithTheSameKeyReplaysTheFirstAnswerWithoutAskingStripe() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "replay-" + shop + "@example.com", 800, null, 3);
        StripeStub.acceptCheckout(order.id(), shop, order.orderNumber(), 2400, "EUR");

        Response first = checkout(guest(order), order, "same-key");
        first.then().statusCode(200);
        Response again = checkout(guest(order), order, "same-key");

        again.then().statusCode(200).header("Idempotent-Replayed", "true").contentType("application/json");
        assertEquals(first.asString(), again.asString());
        assertEquals(1, stripeRequests(), "the replay is answered from the stored answer");
        assertEquals(1, sql.count("SELECT count(*) FROM order_events WHERE order_id = ? AND status ="
                + " 'awaiting_payment'", order.id()));
    }

    @Test
    void aPaidOrderCannotBeCheckedOutAgain() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "paid-" + shop + "@example.com", 1000, null, 1);
        String intent = StripeStub.acceptCheckout(order.id(), shop, order.orderNumber(), 1000, "EUR");
        checkout(guest(order), order, "pay").then().statusCode(200);
        StripeWebhookCalls.deliver(StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), intent, 1000, "eur",
                order.id(), shop)).then().statusCode(200).body("outcome", equalTo("paid"));
        int asked = stripeRequests();

        assertNotPayable(checkout(guest(order), order, "pay-again"), "paid");

        assertEquals(asked, stripeRequests(), "Stripe is not asked about an order that cannot be paid");
        assertEquals("paid|" + intent, sql.single("SELECT status || '|' || payment_intent_id FROM orders"
                + " WHERE id = ?", order.id()));
    }

    @Test
    void aCancelledOrderCannotBeCheckedOut() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "cancel-" + shop + "@example.com", 1000, 4, 2);
        StripeStub.acceptCheckout(order.id(), shop, order.orderNumber(), 2000, "EUR");
        guest(order).header("If-Match", "\"0\"").contentType("application/json").body("{\"status\":\"cancelled\"}")
                .patch("/api/v1/orders/{id}/status", order.id()).then().statusCode(200)
                .body("status", equalTo("cancelled"));

        assertNotPayable(checkout(guest(order), order, "too-late"), "cancelled");

        assertEquals(0, stripeRequests());
        assertNull(sql.single("SELECT payment_intent_id FROM orders WHERE id = ?", order.id()));
        assertEquals("cancelled", status(order));
    }

    @Test
    void aRefundedOrderCannotBeCheckedOut() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "refund-" + shop + "@example.com", 1000, null, 1);
        String intent = StripeStub.acceptCheckout(order.id(), shop, order.orderNumber(), 1000, "EUR");
        checkout(guest(order), order, "pay").then().statusCode(200);
        StripeWebhookCalls.deliver(StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), intent, 1000, "eur",
                order.id(), shop)).then().statusCode(200).body("outcome", equalTo("paid"));
        StripeWebhookCalls.deliver(StripeWebhookCalls.refunded(StripeWebhookCalls.eventId(), intent, 1000, 1000,
                "eur")).then().statusCode(200).body("outcome", equalTo("refunded"));
        int asked = stripeRequests();

        assertNotPayable(checkout(guest(order), order, "pay-again"), "refunded");

        assertEquals(asked, stripeRequests());
        assertEquals("refunded", status(order));
    }

    @Test
    void aDeclinedCardIsA402WithStripesCodesButNotItsMessage() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "declined-" + shop + "@example.com", 3000, 2, 1);
        StripeStub.checkoutDeclined("insufficient_funds");

        Response declined = checkout(guest(order), order, "declined");

        declined.then().statusCode(402).contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/payment-declined"))
                .body("status", equalTo(402))
                .body("code", equalTo("card_declined"))
                .body("declineCode", equalTo("insufficient_funds"));
        String body = declined.asString();
        for (String secret : List.of("Your card was declined", "ch_secret", "req_internal", "internal id")) {
            assertFalse(body.contains(secret), "the answer quotes Stripe's '" + secret + "': " + body);
        }
        assertEquals("pending", status(order));
        assertNull(sql.single("SELECT payment_intent_id FROM orders WHERE id = ?", order.id()));
        assertEquals(List.of("pending|guest"), timeline(order));
        assertEquals(1, Integer.parseInt(sql.single("SELECT stock FROM products WHERE id = ?",
                order.productIds().get(0))), "the order keeps its reserved stock");

        // a decline is not kept as the key's answer: paying again with another card works under the same key
        StripeStub.reset();
        String intent = StripeStub.acceptCheckout(order.id(), shop, order.orderNumber(), 3000, "EUR");
        checkout(guest(order), order, "declined").then().statusCode(200).header("Idempotent-Replayed", nullValue())
                .body("paymentIntentId", equalTo(intent));
    }

    private static RequestSpecification guest(PlacedOrders.Placed order) {
        return given().header("X-Order-Token", order.token());
    }

    private static Response checkout(RequestSpecification request, PlacedOrders.Placed order, String key) {
        return request.header("Idempotency-Key", key).post(CHECKOUT, order.id());
    }

    private static void assertNotPayable(Response answer, String status) {
        answer.then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/order-not-payable"))
                .body("orderStatus", equalTo(status));
    }

    private static List<LoggedRequest> creations() {
        return StripeStub.client().find(postRequestedFor(urlEqualTo(StripeStub.INTENTS)));
    }

    private static int stripeRequests() {
        return StripeStub.client().find(anyRequestedFor(urlPathMatching("/v1/.*"))).size();
    }

    private String status(PlacedOrders.Placed order) {
        return sql.single("SELECT status FROM orders WHERE id = ?", order.id());
    }

    private List<String> timeline(PlacedOrders.Placed order) {
        return sql.column("SELECT status || '|' || actor FROM order_events WHERE order_id = ? ORDER BY at, id",
                order.id());
    }

    /** A form-encoded body (as the Stripe SDK sends it) as a map of its decoded names and values. */
    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
