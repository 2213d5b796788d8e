package dev.commercesuite.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
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
 * {@code PATCH /api/v1/orders/{id}/status}: staff move orders along the status machine with If-Match, customers
 * cancel their own unpaid orders; every change is on the timeline, audited and emailed, a cancellation returns the
 * stock exactly once, and every refusal changes nothing.
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
    void staffMoveAnOrderAlongTheMachineAndEachChangeIsOnTheTimelineAuditedAndEmailed() {
        IdentityStub.shop(shop, "ship-" + shop.toString().substring(0, 8), "Mugs\\n& Co", "pro", "active");
        PlacedOrders.Placed order = placed.guestOrder(shop, "ship-" + shop + "@example.com", 1250, null, 2);

        String etag = patch(staff(), order, "\"0\"", "{\"status\":\"awaiting_payment\"}").then().statusCode(200)
                .header("ETag", "\"1\"").body("status", equalTo("awaiting_payment")).extract().header("ETag");
        etag = patch(staff(), order, etag, "{\"status\":\"paid\"}").then().statusCode(200).extract().header("ETag");
        patch(staff(), order, etag, "{\"status\":\"shipped\",\"trackingUrl\":\"https://track.example/p/42?x=1\","
                + "\"note\":\"Two parcels.\"}")
                .then().statusCode(200)
                .header("ETag", "\"3\"")
                .header("Cache-Control", "no-store")
                .body("orderNumber", equalTo((int) order.orderNumber()))
                .body("status", equalTo("shipped"))
                .body("timeline.status", contains("pending", "awaiting_payment", "paid", "shipped"))
                .body("timeline[3].note", equalTo("Two parcels."))
                .body("timeline[3].trackingUrl", equalTo("https://track.example/p/42?x=1"))
                .body("timeline[1].note", nullValue())
                .body("timeline[3].actor", nullValue());

        assertEquals("shipped", sql.single("SELECT status FROM orders WHERE id = ?", order.id()));
        assertEquals("https://track.example/p/42?x=1", sql.single("SELECT tracking_url FROM orders WHERE id = ?",
                order.id()));
        assertEquals(List.of("pending|guest", "awaiting_payment|user:" + staffId, "paid|user:" + staffId,
                "shipped|user:" + staffId), sql.column("SELECT status || '|' || actor FROM order_events"
                        + " WHERE order_id = ? ORDER BY at, id", order.id()));
        assertEquals(List.of("pending>awaiting_payment", "awaiting_payment>paid", "paid>shipped"),
                sql.column("SELECT (metadata->>'from') || '>' || (metadata->>'to') FROM audit_events"
                        + " WHERE tenant_id = ? AND action = 'order-status-changed' AND actor = ?"
                        + " AND metadata->>'orderId' = ? ORDER BY created_at", shop, "user:" + staffId,
                        order.id().toString()));

        JsonNode shipped = awaitEmail(order.email(), "order-status-update", "shipped");
        assertEquals(shop.toString(), shipped.path("tenantId").asText());
        assertEquals("Mugs & Co", shipped.path("shopName").asText(), "the shop's name, made one line");
        assertEquals(String.valueOf(order.orderNumber()), shipped.path("data").path("orderNumber").asText());
        assertEquals(order.id().toString(), shipped.path("data").path("orderId").asText());
        assertEquals("Ann Guest", shipped.path("data").path("name").asText());
        assertEquals("https://track.example/p/42?x=1", shipped.path("data").path("trackingUrl").asText());
        assertEquals("Two parcels.", shipped.path("data").path("note").asText());
        assertEquals("awaiting payment", awaitEmail(order.email(), "order-status-update", "awaiting payment")
                .path("data").path("status").asText());
        // the email's link opens the order with a token of its own; the first token keeps working too
        String emailedToken = shipped.path("data").path("accessToken").asText();
        assertTrue(emailedToken.matches("[A-Za-z0-9_-]{43}"), emailedToken);
        given().queryParam("token", emailedToken).get("/api/v1/orders/{id}/status", order.id())
                .then().statusCode(200).body("status", equalTo("shipped"));
        given().queryParam("token", order.token()).get("/api/v1/orders/{id}/status", order.id())
                .then().statusCode(200).header("ETag", "\"3\"");
        assertEquals(0, sql.count("SELECT count(*) FROM audit_events WHERE metadata::text LIKE ?",
                "%" + emailedToken + "%"), "no token in the audit log");
    }

    @Test
    void changesNeedTheCurrentETagInIfMatch() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "etag-" + shop + "@example.com", 500, null, 1);
        String body = "{\"status\":\"awaiting_payment\"}";

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
        patch(staff(), order, "\"0\"", "{\"status\":\"paid\"}").then().statusCode(412);
        assertEquals("awaiting_payment", sql.single("SELECT status FROM orders WHERE id = ?", order.id()));
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
                .body("requestId", org.hamcrest.Matchers.notNullValue());
        patch(staff(), order, "\"0\"", "{\"status\":\"pending\"}").then().statusCode(409);
        assertUnchanged(order, "pending", 1);

        patch(staff(), order, "\"0\"", "{\"status\":\"cancelled\"}").then().statusCode(200);
        patch(staff(), order, "\"1\"", "{\"status\":\"awaiting_payment\"}").then().statusCode(409)
                .body("allowed", empty())
                .body("detail", equalTo("An order that is cancelled cannot become awaiting payment; its status is"
                        + " final."));
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
                Map.entry("{\"status\":\"awaiting_payment\",\"trackingUrl\":\"http://track.example/1\"}", "trackingUrl"),
                Map.entry("{\"status\":\"awaiting_payment\",\"trackingUrl\":\"javascript:alert(1)\"}", "trackingUrl"),
                Map.entry("{\"status\":\"awaiting_payment\",\"trackingUrl\":\"https://\"}", "trackingUrl"),
                Map.entry("{\"status\":\"awaiting_payment\",\"trackingUrl\":\"https://a.example/x y\"}", "trackingUrl"),
                Map.entry("{\"status\":\"awaiting_payment\",\"trackingUrl\":\"https://a.example/\\\"><b>\"}",
                        "trackingUrl"),
                Map.entry("{\"status\":\"awaiting_payment\",\"trackingUrl\":\"https://user:pw@a.example/\"}",
                        "trackingUrl"),
                Map.entry("{\"status\":\"awaiting_payment\",\"trackingUrl\":\"https://a.example/" + "x".repeat(1990)
                        + "\"}", "trackingUrl"),
                Map.entry("{\"status\":\"awaiting_payment\",\"note\":\"" + "n".repeat(1001) + "\"}", "note"),
                Map.entry("{\"status\":\"awaiting_payment\",\"note\":\"bidi \\u202e trick\"}", "note"),
                Map.entry("{\"status\":\"awaiting_payment\",\"price\":1}", "price"),
                Map.entry("{\"status\":\"awaiting_payment\",\"status\":\"paid\"}", "status"));
        refused.forEach((body, field) -> patch(staff(), order, "\"0\"", body).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field)));
        patch(staff(), order, "\"0\"", "[]").then().statusCode(400);
        patch(staff(), order, "\"0\"", "").then().statusCode(400);
        assertUnchanged(order, "pending", 1);

        patch(staff(), order, "\"0\"", "{\"status\":\"awaiting_payment\",\"note\":\"" + "n".repeat(1000)
                + "\",\"trackingUrl\":\"https://a.example/" + "x".repeat(1982) + "\"}").then().statusCode(200);
    }

    @Test
    void onlyTheShopsStaffAndTheOrdersCustomerReachIt() {
        UUID customer = UUID.randomUUID();
        UUID product = placed.product(shop, "Lamp", 4000, "EUR", 10);
        PlacedOrders.Placed order = placed.place(shop, customer, "own-" + shop + "@example.com", "Cy",
                Map.of(product, 1));
        String body = "{\"status\":\"awaiting_payment\"}";

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
        String etag = patch(staff(), order, "\"0\"", "{\"status\":\"awaiting_payment\"}").then().statusCode(200)
                .extract().header("ETag");

        patch(given().header("X-Order-Token", order.token()), order, etag, "{\"status\":\"cancelled\"}")
                .then().statusCode(200).header("ETag", "\"2\"").body("status", equalTo("cancelled"));

        assertEquals(10, stock(mug));
        assertEquals(null, sql.single("SELECT stock FROM products WHERE id = ?", poster));
        assertEquals("guest", sql.single("SELECT actor FROM order_events WHERE order_id = ? AND status = 'cancelled'",
                order.id()));
        assertEquals("guest", sql.single("SELECT actor FROM audit_events WHERE metadata->>'orderId' = ?"
                + " AND metadata->>'to' = 'cancelled'", order.id().toString()));
        emails.await(order.email(), "order-cancelled");

        patch(given().header("X-Order-Token", order.token()), order, "\"2\"", "{\"status\":\"cancelled\"}")
                .then().statusCode(409);
        patch(staff(), order, "\"2\"", "{\"status\":\"cancelled\"}").then().statusCode(409);
        assertEquals(10, stock(mug), "stock returned exactly once");
        assertEquals(1, emails.all(order.email(), "order-cancelled").size());
    }

    @Test
    void aPaidOrderIsNoLongerTheCustomersToCancel() {
        UUID customer = UUID.randomUUID();
        UUID product = placed.product(shop, "Desk", 25000, "EUR", 3);
        PlacedOrders.Placed order = placed.place(shop, customer, "paid-" + shop + "@example.com", "Di",
                Map.of(product, 1));
        patch(staff(), order, "\"0\"", "{\"status\":\"awaiting_payment\"}").then().statusCode(200);
        patch(staff(), order, "\"1\"", "{\"status\":\"paid\"}").then().statusCode(200);

        patch(customer(customer), order, "\"2\"", "{\"status\":\"cancelled\"}").then().statusCode(409)
                .body("allowed", contains("shipped", "refunded"));
        patch(given().header("X-Order-Token", order.token()), order, "\"2\"", "{\"status\":\"cancelled\"}")
                .then().statusCode(409);

        assertUnchanged(order, "paid", 3);
        assertEquals(2, stock(product));
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
