package dev.commercesuite.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.CapturedEmails;
import dev.commercesuite.defaults.testing.TestTokens;
import dev.commercesuite.order.service.OrderAudit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code GET /api/v1/orders/audit-events}: a shop's admin reads its order audit log newest first, filtered by action,
 * actor and time, in keyset pages; nobody else reads it, and no shop sees another's.
 */
@QuarkusTest
class OrderAuditEventsTest {

    @Inject
    PlacedOrders placed;

    @Inject
    OrderAudit audit;

    private UUID shop;
    private UUID staffId;
    private String admin;

    @BeforeEach
    void shop() {
        CapturedEmails.accepting();
        shop = UUID.randomUUID();
        staffId = UUID.randomUUID();
        admin = TestTokens.user(UUID.randomUUID().toString(), "admin@example.com", shop.toString(), Set.of("admin"));
    }

    @Test
    void theAdminReadsTheShopsEventsNewestFirstFilteredAndPaged() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "audit-" + shop + "@example.com", 100, null, 1);
        QuarkusTransaction.requiringNew().run(() -> audit.record(shop, "guest", OrderAudit.ORDER_PLACED,
                Map.of("orderId", order.id(), "orderNumber", order.orderNumber())));
        Paying.pay(order);
        change(order, "shipped");
        change(order, "delivered");
        // another shop's event, which this admin never sees
        UUID otherShop = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> audit.record(otherShop, "guest", OrderAudit.ORDER_PLACED,
                Map.of("orderId", UUID.randomUUID())));

        JsonPath all = given().auth().oauth2(admin).get("/api/v1/orders/audit-events").then().statusCode(200)
                .body("items", hasSize(4))
                .body("nextCursor", nullValue())
                .body("items.action", equalTo(List.of("order-status-changed", "order-status-changed",
                        "order-status-changed", "order-placed")))
                .body("items.actor", equalTo(List.of("user:" + staffId, "user:" + staffId,
                        "system:stripe-webhook", "guest")))
                .body("items[0].metadata.from", equalTo("shipped"))
                .body("items[0].metadata.to", equalTo("delivered"))
                .body("items[0].metadata.orderNumber", equalTo((int) order.orderNumber()))
                .body("items[2].metadata.from", equalTo("awaiting_payment"))
                .body("items[2].metadata.to", equalTo("paid"))
                .body("items[3].actor", equalTo("guest"))
                .body("items[3].metadata.orderId", equalTo(order.id().toString()))
                .extract().jsonPath();
        assertTrue(all.getString("items[0].requestId").matches("[A-Za-z0-9._-]{8,128}"), "the request is named");
        List<String> times = all.getList("items.createdAt");

        given().auth().oauth2(admin).queryParam("action", "order-placed").get("/api/v1/orders/audit-events")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].actor", equalTo("guest"));
        given().auth().oauth2(admin).queryParam("actor", "user:" + staffId).get("/api/v1/orders/audit-events")
                .then().statusCode(200).body("items", hasSize(2));
        given().auth().oauth2(admin).queryParam("actor", "system:stripe-webhook").get("/api/v1/orders/audit-events")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].metadata.to", equalTo("paid"));
        given().auth().oauth2(admin).queryParam("actor", "user:" + UUID.randomUUID())
                .get("/api/v1/orders/audit-events").then().statusCode(200).body("items", hasSize(0));
        // [from, to): from the second-oldest (inclusive) to the newest (exclusive)
        given().auth().oauth2(admin).queryParam("from", times.get(2)).queryParam("to", times.get(0))
                .get("/api/v1/orders/audit-events").then().statusCode(200).body("items", hasSize(2))
                .body("items.createdAt", equalTo(List.of(times.get(1), times.get(2))));
        given().auth().oauth2(admin).queryParam("from", Instant.parse(times.get(0)).plusSeconds(1).toString())
                .get("/api/v1/orders/audit-events").then().statusCode(200).body("items", hasSize(0));

        // pages of one, until the cursor runs out: every event once, in the same order
        List<String> paged = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10; page++) {
            var request = given().auth().oauth2(admin).queryParam("limit", 1);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath json = request.get("/api/v1/orders/audit-events").then().statusCode(200)
                    .body("items", hasSize(1)).extract().jsonPath();
            paged.add(json.getString("items[0].id"));
            cursor = json.getString("nextCursor");
            if (cursor == null) {
                break;
            }
        }
        assertEquals(all.getList("items.id"), paged);
        assertEquals(4, new HashSet<>(paged).size());
    }

    @Test
    void onlyTheShopsAdminReadsIt() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "who-" + shop + "@example.com", 100, null, 1);
        change(order, "cancelled");

        given().get("/api/v1/orders/audit-events").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(staffToken()).get("/api/v1/orders/audit-events").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user(UUID.randomUUID().toString(), "c@example.com", shop.toString(),
                Set.of("customer"))).get("/api/v1/orders/audit-events").then().statusCode(403);
        given().auth().oauth2(TestTokens.user(UUID.randomUUID().toString(), "other@example.com",
                UUID.randomUUID().toString(), Set.of("admin"))).get("/api/v1/orders/audit-events")
                .then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(admin).get("/api/v1/orders/audit-events").then().statusCode(200)
                .body("items", hasSize(1));
    }

    @Test
    void badFiltersAreA400NamingTheParameter() {
        Map<String, String> refused = Map.of(
                "action", "DROP TABLE",
                "actor", "user 1",
                "from", "yesterday",
                "to", "2026-13-01T00:00:00Z",
                "limit", "0",
                "cursor", "not-a-cursor");
        refused.forEach((parameter, value) -> given().auth().oauth2(admin).queryParam(parameter, value)
                .get("/api/v1/orders/audit-events").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(parameter)));
        given().auth().oauth2(admin).queryParam("limit", 101).get("/api/v1/orders/audit-events").then()
                .statusCode(400).body("errors.field", hasItem("limit"));
        given().auth().oauth2(admin).queryParam("from", "2026-11-25T12:00:00Z").queryParam("to", "2026-11-25T12:00:00Z")
                .get("/api/v1/orders/audit-events").then().statusCode(400).body("errors.field", hasItem("to"));
    }

    private String staffToken() {
        return TestTokens.user(staffId.toString(), "staff@example.com", shop.toString(), Set.of("staff"));
    }

    /** Staff change the order's status, with the ETag the order has now. */
    private void change(PlacedOrders.Placed order, String status) {
        given().auth().oauth2(staffToken()).header("If-Match", Paying.etag(order)).contentType("application/json")
                .body("{\"status\":\"" + status + "\"}").patch("/api/v1/orders/{id}/status", order.id())
                .then().statusCode(200);
    }
}
