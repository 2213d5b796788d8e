package dev.commercesuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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

import com.fasterxml.jackson.databind.JsonNode;

import dev.commercesuite.defaults.testing.CapturedEmails;
import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * {@code PATCH /api/v1/orders/{id}/status}: staff ship and deliver paid orders and cancel unpaid ones with If-Match,
 * customers cancel their own unpaid orders, nobody sets a payment status (orders are paid here as Stripe pays them,
 * see {@link Paying}); every change is on the timeline, audited and emailed, a cancellation returns the stock exactly
 * once, and every refusal changes nothing.
 */
@QuarkusTest
class OrderStatusChangeTest {

    @Inject
    PlacedOrders placed;

    @Inject
    DataSource dataSource;

    private Sql sql;
    private CapturedEmails emails;
    private UUID shop;
    private UUID staffId;

    @BeforeEach
    void shop() {
        sql = new Sql(dataSource);
        emails = CapturedEmails.accepting();
        shop = UUID.randomUUID();
        staffId = UUID.randomUUID();
    }

    @Test
    void staffShipAndDeliverAPaidOrderAndEachChangeIsOnTheTimelineAuditedAndEmailed() {
        IdentityStub.shop(shop, "ship-" + shop.toString().substring(0, 8), "Mugs\\n& Co", "pro", "active");
        PlacedOrders.Placed order = placed.guestOrder(shop, "ship-" + shop + "@example.com", 1250, null, 2);
        Paying.pay(order);
        String paidTag = Paying.etag(order);

        String etag = patch(staff(), order, paidTag, "{\"status\":\"shipped\",\"trackingUrl\":"
                + "\"https://track.example/p/42?x=1\",\"note\":\"Two parcels.\"}")
                .then().statusCode(200)
                .header("ETag", not(equalTo(paidTag)))
                .header("Cache-Control", "no-store")
                .body("orderNumber", equalTo((int) order.orderNumber()))
                .body("status", equalTo("shipped"))
                .body("timeline.status", contains("pending", "awaiting_payment", "paid", "shipped"))
                .body("timeline[3].note", equalTo("Two parcels."))
                .body("timeline[3].trackingUrl", equalTo("https://track.example/p/42?x=1"))
                .body("timeline[1].note", nullValue())
                .body("timeline[3].actor", nullValue())
                .extract().header("ETag");
        assertEquals("\"" + sql.single("SELECT version FROM orders WHERE id = ?", order.id()) + "\"", etag,
                "the answer's ETag is the order's version");

        assertEquals("shipped", sql.single("SELECT status FROM orders WHERE id = ?", order.id()));
        assertEquals("https://track.example/p/42?x=1", sql.single("SELECT tracking_url FROM orders WHERE id = ?",
                order.id()));
        assertEquals(List.of("pending|guest", "awaiting_payment|guest", "paid|system:stripe-webhook",
                "shipped|user:" + staffId), sql.column("SELECT status || '|' || actor FROM order_events"
                        + " WHERE order_id = ? ORDER BY at, id", order.id()));
        assertEquals(List.of("awaiting_payment>paid|system:stripe-webhook", "paid>shipped|user:" + staffId),
                sql.column("SELECT (metadata->>'from') || '>' || (metadata->>'to') || '|' || actor"
                        + " FROM audit_events WHERE tenant_id = ? AND action = 'order-status-changed'"
                        + " AND metadata->>'orderId' = ? ORDER BY created_at", shop, order.id().toString()));

        JsonNode shipped = awaitEmail(order.email(), "order-status-update", "shipped");
        assertEquals(shop.toString(), shipped.path("tenantId").asText());
        assertEquals("Mugs & Co", shipped.path("shopName").asText(), "the shop's name, made one line");
        assertEquals(String.valueOf(order.orderNumber()), shipped.path("data").path("orderNumber").asText());
        assertEquals(order.id().toString(), shipped.path("data").path("orderId").asText());
        assertEquals("Ann Guest", shipped.path("data").path("name").asText());
        assertEquals("https://track.example/p/42?x=1", shipped.path("data").path("trackingUrl").asText());
        assertEquals("Two parcels.", shipped.path("data").path("note").asText());
        assertEquals("paid", awaitEmail(order.email(), "order-status-update", "paid")
                .path("data").path("status").asText());
        // the email's link opens the order with a token of its own; the first token keeps working too
        String emailedToken = shipped.path("data").path("accessToken").asText();
        assertTrue(emailedToken.matches("[A-Za-z0-9_-]{43}"), emailedToken);
        given().queryParam("token", emailedToken).get("/api/v1/orders/{id}/status", order.id())
                .then().statusCode(200).body("status", equalTo("shipped"));
        given().queryParam("token", order.token()).get("/api/v1/orders/{id}/status", order.id())
                .then().statusCode(200).header("ETag", etag);
        assertEquals(0, sql.count("SELECT count(*) FROM audit_events WHERE metadata::text LIKE ?",
                "%" + emailedToken + "%"), "no token in the audit log");

        patch(staff(), order, etag, "{\"status\":\"delivered\"}").then().statusCode(200)
                .body("status", equalTo("delivered"))
                .body("timeline.status", contains("pending", "awaiting_payment", "paid", "shipped", "delivered"));
        assertEquals("delivered|user:" + staffId, sql.single("SELECT status || '|' || actor FROM order_events"
                + " WHERE order_id = ? AND status = 'delivered'", order.id()));
        awaitEmail(order.email(), "order-status-update", "delivered");
    }

    @Test
    void changesNeedTheCurrentETagInIfMatch() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "etag-" + shop + "@example.com", 500, null, 1);
        String body = "{\"status\":\"cancelled\"}";

        patch(staff(), order, null, body).then().statusCode(428)
                .contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/precondition-required"));
        patch(staff(), order, "*", body).then().statusCode(428);
        patch(staff(), order, "\"7\"", body).then().statusCode(412)
                .body("type", equalTo("https://commercesuite.dev/problems/precondition-failed"));
        patch(staff(), order, "W/\"0\"", body).then().statusCode(412);
        patch(staff(), order, "0", body).then().statusCode(400)
                .body("errors[0].field", equalTo("If-Match"));
        assertUnchanged(order, "pending", 1);

        patch(staff(), order, "\"5\", \"0\"", body).then().statusCode(200).header("ETag", "\"1\"");
        patch(staff(), order, "\"0\"", "{\"status\":\"delivered\"}").then().statusCode(412);
        assertEquals("cancelled", sql.single("SELECT status FROM orders WHERE id = ?", order.id()));
    }

    @Test
    void anImpossibleTransitionIsAConflictListingTheAllowedStatuses() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "jump-" + shop + "@example.com", 500, 5, 2);

        patch(staff(), order, "\"0\"", "{\"status\":\"shipped\"}").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/invalid-status-transition"))
                .body("title", equalTo("Invalid status transition"))
                .body("status", equalTo(409))
                .body("allowed", contains("awaiting_payment", "cancelled"))
                .body("requestId", notNullValue());
        patch(staff(), order, "\"0\"", "{\"status\":\"pending\"}").then().statusCode(409);
        assertUnchanged(order, "pending", 1);

        patch(staff(), order, "\"0\"", "{\"status\":\"cancelled\"}").then().statusCode(200);
        patch(staff(), order, "\"1\"", "{\"status\":\"shipped\"}").then().statusCode(409)
                .body("type", equalTo("https://commercesuite.dev/problems/invalid-status-transition"))
                .body("allowed", empty())
                .body("detail", equalTo("An order that is cancelled cannot become shipped; its status is final."));
    }

    @Test
    void badInputIsA400NamingTheFieldAndChangesNothing() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "bad-" + shop + "@example.com", 500, null, 1);
        Map<String, String> refused = Map.ofEntries(
                Map.entry("{}", "status"),
                Map.entry("{\"status\":\"\"}", "status"),
                Map.entry("{\"status\":\"SHIPPED\"}", "status"),
                Map.entry("{\"status\":\"lost\"}", "status"),
                Map.entry("{\"status\":[\"paid\"]}", "status"),
                Map.entry("{\"status\":\"cancelled\",\"trackingUrl\":\"http://track.example/1\"}", "trackingUrl"),
                Map.entry("{\"status\":\"cancelled\",\"trackingUrl\":\"javascript:alert(1)\"}", "trackingUrl"),
                Map.entry("{\"status\":\"cancelled\",\"trackingUrl\":\"https://\"}", "trackingUrl"),
                Map.entry("{\"status\":\"cancelled\",\"trackingUrl\":\"https://a.example/x y\"}", "trackingUrl"),
                Map.entry("{\"status\":\"cancelled\",\"trackingUrl\":\"https://a.example/\\\"><b>\"}",
                        "trackingUrl"),
                Map.entry("{\"status\":\"cancelled\",\"trackingUrl\":\"https://user:pw@a.example/\"}",
                        "trackingUrl"),
                Map.entry("{\"status\":\"cancelled\",\"trackingUrl\":\"https://a.example/" + "x".repeat(1990)
                        + "\"}", "trackingUrl"),
                Map.entry("{\"status\":\"cancelled\",\"note\":\"" + "n".repeat(1001) + "\"}", "note"),
                Map.entry("{\"status\":\"cancelled\",\"note\":\"bidi \\u202e trick\"}", "note"),
                Map.entry("{\"status\":\"cancelled\",\"price\":1}", "price"),
                Map.entry("{\"status\":\"cancelled\",\"status\":\"shipped\"}", "status"));
        refused.forEach((body, field) -> patch(staff(), order, "\"0\"", body).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field)));
        patch(staff(), order, "\"0\"", "[]").then().statusCode(400);
        patch(staff(), order, "\"0\"", "").then().statusCode(400);
        assertUnchanged(order, "pending", 1);

        patch(staff(), order, "\"0\"", "{\"status\":\"cancelled\",\"note\":\"" + "n".repeat(1000)
                + "\",\"trackingUrl\":\"https://a.example/" + "x".repeat(1982) + "\"}").then().statusCode(200);
    }

    @Test
    void onlyTheShopsStaffAndTheOrdersCustomerReachIt() {
        UUID customer = UUID.randomUUID();
        UUID product = placed.product(shop, "Lamp", 4000, "EUR", 10);
        PlacedOrders.Placed order = placed.place(shop, customer, "own-" + shop + "@example.com", "Cy",
                Map.of(product, 1));
        String body = "{\"status\":\"shipped\"}";

        // another shop's staff, another customer, a service token: the order does not exist for them
        patch(given().auth().oauth2(TestTokens.user(UUID.randomUUID().toString(), "s@example.com",
                UUID.randomUUID().toString(), Set.of("staff", "admin"))), order, "\"0\"", body).then().statusCode(404);
        patch(customer(UUID.randomUUID()), order, "\"0\"", "{\"status\":\"cancelled\"}").then().statusCode(404)
                .body("type", equalTo("https://commercesuite.dev/problems/not-found"));
        patch(given().auth().oauth2(TestTokens.service("gateway")), order, "\"0\"", body).then().statusCode(404);
        // a wrong order token, a malformed or unknown id
        patch(given().header("X-Order-Token", "wrong-token-0123456789"), order, "\"0\"",
                "{\"status\":\"cancelled\"}").then().statusCode(404);
        given().auth().oauth2(staffToken()).header("If-Match", "\"0\"").contentType("application/json").body(body)
                .patch("/api/v1/orders/not-a-uuid/status").then().statusCode(404);
        given().auth().oauth2(staffToken()).header("If-Match", "\"0\"").contentType("application/json").body(body)
                .patch("/api/v1/orders/{id}/status", UUID.randomUUID()).then().statusCode(404);
        // nobody at all; a forged token
        patch(given(), order, "\"0\"", body).then().statusCode(401);
        patch(given().auth().oauth2(TestTokens.forged(UUID.randomUUID().toString(), "staff")), order, "\"0\"", body)
                .then().statusCode(401);
        // the customer may not move it along, nor set a tracking link
        patch(customer(customer), order, "\"0\"", body).then().statusCode(403)
                .body("type", equalTo("https://commercesuite.dev/problems/forbidden"));
        patch(customer(customer), order, "\"0\"", "{\"status\":\"cancelled\",\"trackingUrl\":\"https://t.example/1\"}")
                .then().statusCode(403);
        patch(given().header("X-Order-Token", order.token()), order, "\"0\"", body).then().statusCode(403);
        assertUnchanged(order, "pending", 1);
        assertEquals(9, stock(product));

        patch(customer(customer), order, "\"0\"", "{\"status\":\"cancelled\",\"note\":\"Found it cheaper.\"}")
                .then().statusCode(200).body("status", equalTo("cancelled"))
                .body("timeline[1].note", equalTo("Found it cheaper."));
        assertEquals(10, stock(product));
        assertEquals("user:" + customer, sql.single("SELECT actor FROM order_events WHERE order_id = ?"
                + " AND status = 'cancelled'", order.id()));
        JsonNode cancelled = emails.await(order.email(), "order-cancelled");
        assertEquals("Found it cheaper.", cancelled.path("data").path("reason").asText());
        assertEquals(order.id().toString(), cancelled.path("data").path("orderId").asText());
        assertFalse(cancelled.has("shopName"), "identity does not know the shop: the email names none");
    }

    @Test
    void aGuestCancelsWithTheOrderTokenWhileUnpaidAndTheStockComesBackOnce() {
        UUID mug = placed.product(shop, "Mug", 900, "EUR", 10);
        UUID poster = placed.product(shop, "Poster", 1500, "EUR", null);
        PlacedOrders.Placed order = placed.place(shop, null, "guest-" + shop + "@example.com", "Gia",
                Map.of(mug, 3, poster, 2));
        assertEquals(7, stock(mug));
        Paying.Checkout checkout = Paying.checkout(order);
        // its PaymentIntent is cancelled at Stripe before the order is
        StripeStub.cancelWorks(checkout.intentId(), checkout.amount(), checkout.currency(), order.id(), shop,
                order.orderNumber());
        String etag = Paying.etag(order);

        String cancelledTag = patch(given().header("X-Order-Token", order.token()), order, etag,
                "{\"status\":\"cancelled\"}")
                .then().statusCode(200).header("ETag", not(equalTo(etag))).body("status", equalTo("cancelled"))
                .body("timeline.status", contains("pending", "awaiting_payment", "cancelled"))
                .extract().header("ETag");

        assertEquals(10, stock(mug));
        assertEquals(null, sql.single("SELECT stock FROM products WHERE id = ?", poster));
        assertEquals("guest", sql.single("SELECT actor FROM order_events WHERE order_id = ? AND status = 'cancelled'",
                order.id()));
        assertEquals("guest", sql.single("SELECT actor FROM audit_events WHERE metadata->>'orderId' = ?"
                + " AND metadata->>'to' = 'cancelled'", order.id().toString()));
        emails.await(order.email(), "order-cancelled");

        patch(given().header("X-Order-Token", order.token()), order, cancelledTag, "{\"status\":\"cancelled\"}")
                .then().statusCode(409);
        patch(staff(), order, cancelledTag, "{\"status\":\"cancelled\"}").then().statusCode(409);
        assertEquals(10, stock(mug), "stock returned exactly once");
        assertEquals(1, emails.all(order.email(), "order-cancelled").size());
    }

    @Test
    void aPaidOrderIsNoLongerTheCustomersToCancel() {
        UUID customer = UUID.randomUUID();
        UUID product = placed.product(shop, "Desk", 25000, "EUR", 3);
        PlacedOrders.Placed order = placed.place(shop, customer, "paid-" + shop + "@example.com", "Di",
                Map.of(product, 1));
        Paying.pay(order);
        String etag = Paying.etag(order);
        List<String> before = trace(order);

        patch(customer(customer), order, etag, "{\"status\":\"cancelled\"}").then().statusCode(409)
                .body("type", equalTo("https://commercesuite.dev/problems/invalid-status-transition"))
                .body("allowed", contains("shipped", "refunded"));
        patch(given().header("X-Order-Token", order.token()), order, etag, "{\"status\":\"cancelled\"}")
                .then().statusCode(409);

        assertEquals(before, trace(order));
        assertTrue(before.get(0).startsWith("paid "), before.get(0));
        assertEquals(2, stock(product));
    }

    @Test
    void nobodySetsAPaymentStatusByHandAndAskingChangesNothing() {
        UUID customer = UUID.randomUUID();
        UUID product = placed.product(shop, "Kettle", 3900, "EUR", 5);
        PlacedOrders.Placed order = placed.place(shop, customer, "hand-" + shop + "@example.com", "Hal",
                Map.of(product, 1));
        int refundsAsked = refundsAskedOfStripe();

        // pending: staff, an admin, the customer and the guest's token alike; a stale ETag changes nothing about it
        List<String> before = trace(order);
        for (String status : List.of("awaiting_payment", "paid", "refunded")) {
            refusedAsSetByPayments(patch(staff(), order, "\"0\"", "{\"status\":\"" + status + "\"}"), order);
            refusedAsSetByPayments(patch(admin(), order, "\"0\"", "{\"status\":\"" + status
                    + "\",\"note\":\"Paid at the counter.\"}"), order);
            refusedAsSetByPayments(patch(customer(customer), order, "\"0\"", "{\"status\":\"" + status + "\"}"),
                    order);
            refusedAsSetByPayments(patch(given().header("X-Order-Token", order.token()), order, "\"0\"",
                    "{\"status\":\"" + status + "\"}"), order);
        }
        refusedAsSetByPayments(patch(staff(), order, "\"9\"", "{\"status\":\"paid\"}"), order);
        assertEquals(before, trace(order));

        // awaiting payment, where the status machine itself would lead on to paid
        Paying.checkout(order);
        String etag = Paying.etag(order);
        before = trace(order);
        refusedAsSetByPayments(patch(admin(), order, etag, "{\"status\":\"paid\"}"), order);
        refusedAsSetByPayments(patch(staff(), order, etag, "{\"status\":\"awaiting_payment\"}"), order);
        assertEquals(before, trace(order));

        // paid, where the machine would lead on to refunded: a refund is POST /refund's, which asks Stripe
        Paying.pay(order);
        etag = Paying.etag(order);
        before = trace(order);
        awaitEmail(order.email(), "order-status-update", "paid");
        int emailsBefore = emails.all(order.email(), "order-status-update").size();
        Response refused = patch(admin(), order, etag, "{\"status\":\"refunded\"}");
        refusedAsSetByPayments(refused, order);
        refused.then().body("detail", containsString("POST /api/v1/orders/{id}/refund"));
        refusedAsSetByPayments(patch(staff(), order, etag, "{\"status\":\"paid\"}"), order);
        assertEquals(before, trace(order));
        assertTrue(before.get(0).startsWith("paid "), before.get(0));
        assertEquals(refundsAsked, refundsAskedOfStripe(), "no refund was asked of Stripe");
        assertEquals(emailsBefore, emails.all(order.email(), "order-status-update").size());

        // the ETag those refusals were sent with is still the order's: staff ship it with it
        patch(staff(), order, etag, "{\"status\":\"shipped\"}").then().statusCode(200)
                .body("status", equalTo("shipped"));
    }

    @Test
    void ofConcurrentChangesFromTheSameETagExactlyOneWins() throws Exception {
        int rounds = 4;
        int contenders = 4;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            for (int round = 0; round < rounds; round++) {
                UUID product = placed.product(shop, "Race " + round, 100, "EUR", 10);
                PlacedOrders.Placed order = placed.place(shop, null, "race-" + round + "-" + shop + "@example.com",
                        "Ray", Map.of(product, 4));
                CountDownLatch ready = new CountDownLatch(contenders);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                String token = staffToken();
                for (int i = 0; i < contenders; i++) {
                    Callable<Integer> cancel = () -> {
                        RequestSpecification request = given().auth().oauth2(token).header("If-Match", "\"0\"")
                                .contentType("application/json").body("{\"status\":\"cancelled\"}");
                        ready.countDown();
                        start.await();
                        return request.patch("/api/v1/orders/{id}/status", order.id()).statusCode();
                    };
                    answers.add(pool.submit(cancel));
                }
                ready.await();
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get());
                }
                assertEquals(1, statuses.stream().filter(status -> status == 200).count(), "round " + round
                        + ": " + statuses);
                assertEquals(contenders - 1, statuses.stream().filter(status -> status == 412).count(),
                        "round " + round + ": " + statuses);
                assertEquals(10, stock(product), "the stock came back exactly once");
                assertEquals(1, sql.count("SELECT count(*) FROM order_events WHERE order_id = ?"
                        + " AND status = 'cancelled'", order.id()));
                assertEquals(1, sql.count("SELECT count(*) FROM audit_events WHERE metadata->>'orderId' = ?",
                        order.id().toString()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void refusedAsSetByPayments(Response response, PlacedOrders.Placed order) {
        response.then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/status-set-by-payments"))
                .body("title", equalTo("Status set by payments"))
                .body("status", equalTo(409))
                .body("detail", containsString("checkout"))
                .body("instance", equalTo("/api/v1/orders/" + order.id() + "/status"))
                .body("requestId", notNullValue());
    }

    /**
     * What a refused change must leave as it was: the order's status, version and last update, its timeline, its audit
     * entries, its access tokens, the emails queued about it and its product's stock.
     */
    private List<String> trace(PlacedOrders.Placed order) {
        return List.of(
                sql.single("SELECT status || ' v' || version || ' ' || updated_at FROM orders WHERE id = ?",
                        order.id()),
                "timeline " + sql.column("SELECT status || '|' || actor FROM order_events WHERE order_id = ?"
                        + " ORDER BY at, id", order.id()),
                "audit " + sql.column("SELECT action || '|' || actor FROM audit_events WHERE metadata->>'orderId' = ?"
                        + " ORDER BY created_at, id", order.id().toString()),
                "tokens " + sql.count("SELECT count(*) FROM order_access_tokens WHERE order_id = ?", order.id()),
                "outbox " + sql.count("SELECT count(*) FROM outbox WHERE payload LIKE ?", "%" + order.id() + "%"),
                "stock " + sql.column("SELECT p.stock FROM products p JOIN order_items i ON i.product_id = p.id"
                        + " WHERE i.order_id = ? ORDER BY p.id", order.id()));
    }

    private static int refundsAskedOfStripe() {
        return StripeStub.client().find(postRequestedFor(urlEqualTo("/v1/refunds"))).size();
    }

    private void assertUnchanged(PlacedOrders.Placed order, String status, int events) {
        assertEquals(status, sql.single("SELECT status FROM orders WHERE id = ?", order.id()));
        assertEquals(events, sql.count("SELECT count(*) FROM order_events WHERE order_id = ?", order.id()));
        assertEquals(events - 1, sql.count("SELECT count(*) FROM audit_events WHERE metadata->>'orderId' = ?",
                order.id().toString()));
        assertEquals(events - 1, sql.count("SELECT count(*) FROM order_access_tokens WHERE order_id = ?",
                order.id()));
    }

    private int stock(UUID product) {
        return Integer.parseInt(sql.single("SELECT stock FROM products WHERE id = ?", product));
    }

    private JsonNode awaitEmail(String to, String template, String status) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> emails.all(to, template)
                .stream().anyMatch(email -> status.equals(email.path("data").path("status").asText())));
        return emails.all(to, template).stream()
                .filter(email -> status.equals(email.path("data").path("status").asText())).findFirst().orElseThrow();
    }

    private String staffToken() {
        return TestTokens.user(staffId.toString(), "staff@example.com", shop.toString(), Set.of("staff"));
    }

    private RequestSpecification staff() {
        return given().auth().oauth2(staffToken());
    }

    private RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.user(UUID.randomUUID().toString(), "admin@example.com",
                shop.toString(), Set.of("admin")));
    }

    private RequestSpecification customer(UUID customerId) {
        return given().auth().oauth2(TestTokens.user(customerId.toString(), "c@example.com", shop.toString(),
                Set.of("customer")));
    }

    private static Response patch(RequestSpecification request, PlacedOrders.Placed order, String ifMatch,
            String body) {
        RequestSpecification spec = request.contentType("application/json").body(body);
        if (ifMatch != null) {
            spec = spec.header("If-Match", ifMatch);
        }
        return spec.when().patch("/api/v1/orders/{id}/status", order.id());
    }
}
