package dev.commercesuite.order;

import static dev.commercesuite.order.OrderFixtures.customer;
import static dev.commercesuite.order.OrderFixtures.customerOrder;
import static dev.commercesuite.order.OrderFixtures.guestOrder;
import static dev.commercesuite.order.OrderFixtures.place;
import static dev.commercesuite.order.OrderFixtures.slug;
import static dev.commercesuite.order.OrderFixtures.staff;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.CapturedEmails;
import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * GET /api/v1/orders and /api/v1/orders/{id}: a customer sees their own orders, staff and admins the shop's, with
 * filters and cursor pages; another shop's or another customer's order is not found.
 */
@QuarkusTest
class OrderReadTest {

    @Inject
    DataSource dataSource;

    OrderFixtures db;
    String slug;
    UUID shop;
    UUID otherShop;
    UUID ada;
    UUID bob;
    String adaToken;
    String bobToken;
    String staffToken;
    /** Ada's three orders, oldest first, then Bob's, then a guest's. */
    List<String> adaOrders = new ArrayList<>();
    String bobOrder;
    String guestOrder;
    String otherShopOrder;

    @BeforeEach
    void setUp() throws Exception {
        CapturedEmails.accepting();
        db = new OrderFixtures(dataSource);
        slug = slug("reads");
        shop = IdentityStub.activeShop(slug, "pro");
        UUID product = db.product(shop, 250, null);
        ada = UUID.randomUUID();
        bob = UUID.randomUUID();
        adaToken = customer(ada, "ada@example.com", shop);
        bobToken = customer(bob, "bob@example.com", shop);
        staffToken = staff(shop);
        for (int i = 1; i <= 3; i++) {
            adaOrders.add(place(customerOrder(product, i), adaToken).then().statusCode(201).extract().path("id"));
        }
        bobOrder = place(customerOrder(product, 1), bobToken).then().statusCode(201).extract().path("id");
        guestOrder = place(guestOrder(slug, "Guest@Example.com", "Guest", product, 1), null).then().statusCode(201)
                .extract().path("id");
        String otherSlug = slug("reads-other");
        otherShop = IdentityStub.activeShop(otherSlug, "pro");
        otherShopOrder = place(customerOrder(db.product(otherShop, 100, null), 1),
                customer(ada, "ada@example.com", otherShop)).then().statusCode(201).extract().path("id");
    }

    private static Response get(String path, String token, Object... query) {
        var request = given().auth().oauth2(token);
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam((String) query[i], query[i + 1]);
        }
        return request.when().get(path);
    }

    @Test
    void customerSeesTheirOwnOrdersNewestFirstWithoutTheAccessToken() {
        get(OrderFixtures.ORDERS, adaToken).then().statusCode(200)
                .body("items.id", contains(adaOrders.get(2), adaOrders.get(1), adaOrders.get(0)))
                .body("items[0].items[0].quantity", equalTo(3))
                .body("items[0].accessToken", nullValue())
                .body("nextCursor", nullValue());

        Response one = get(OrderFixtures.ORDERS + "/" + adaOrders.get(0), adaToken);
        one.then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("id", equalTo(adaOrders.get(0)))
                .body("orderNumber", equalTo(1001))
                .body("status", equalTo("pending"))
                .body("currency", equalTo("EUR"))
                .body("subtotal", equalTo(250))
                .body("total", equalTo(250))
                .body("items[0].unitPrice", equalTo(250))
                .body("items[0].lineTotal", equalTo(250));
        assertEquals(Set.of("id", "orderNumber", "status", "currency", "subtotal", "total", "items", "createdAt"),
                one.jsonPath().getMap("").keySet());
    }

    @Test
    void anotherCustomersOrAnotherShopsOrderIsNotFound() {
        get(OrderFixtures.ORDERS + "/" + bobOrder, adaToken).then().statusCode(404)
                .contentType("application/problem+json");
        get(OrderFixtures.ORDERS + "/" + guestOrder, adaToken).then().statusCode(404);
        get(OrderFixtures.ORDERS + "/" + otherShopOrder, adaToken).then().statusCode(404);
        get(OrderFixtures.ORDERS + "/" + otherShopOrder, staffToken).then().statusCode(404);
        get(OrderFixtures.ORDERS + "/" + adaOrders.get(0), staff(otherShop)).then().statusCode(404);
        get(OrderFixtures.ORDERS + "/" + adaOrders.get(0), customer(ada, "ada@example.com", otherShop))
                .then().statusCode(404);
        get(OrderFixtures.ORDERS, staff(otherShop)).then().statusCode(200)
                .body("items.id", contains(otherShopOrder));
        get(OrderFixtures.ORDERS + "/not-a-uuid", adaToken).then().statusCode(404);
        get(OrderFixtures.ORDERS + "/" + UUID.randomUUID(), staffToken).then().statusCode(404);
    }

    @Test
    void staffAndAdminsSeeTheShopsOrdersFilteredByStatusEmailAndTime() throws Exception {
        String admin = TestTokens.user(UUID.randomUUID().toString(), "admin@example.com", shop.toString(),
                Set.of("admin"));
        get(OrderFixtures.ORDERS, staffToken).then().statusCode(200).body("items.id", contains(guestOrder, bobOrder,
                adaOrders.get(2), adaOrders.get(1), adaOrders.get(0)));
        get(OrderFixtures.ORDERS, admin).then().statusCode(200).body("items.id", hasItem(guestOrder));
        get(OrderFixtures.ORDERS, staffToken, "email", "guest@example.com").then().statusCode(200)
                .body("items.id", contains(guestOrder));
        get(OrderFixtures.ORDERS, staffToken, "email", "ada@example.com").then().statusCode(200)
                .body("items.id", containsInAnyOrder(adaOrders.toArray()));

        db.execute("UPDATE orders SET status = 'cancelled' WHERE id = ?", UUID.fromString(bobOrder));
        get(OrderFixtures.ORDERS, staffToken, "status", "cancelled").then().statusCode(200)
                .body("items.id", contains(bobOrder));
        get(OrderFixtures.ORDERS, staffToken, "status", "shipped").then().statusCode(200).body("items", empty());

        String second = db.single("SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                + " FROM orders WHERE id = ?", UUID.fromString(adaOrders.get(1)));
        String bobs = db.single("SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                + " FROM orders WHERE id = ?", UUID.fromString(bobOrder));
        get(OrderFixtures.ORDERS, staffToken, "createdFrom", second, "createdTo", bobs).then().statusCode(200)
                .body("items.id", contains(adaOrders.get(2), adaOrders.get(1)));
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = cursor == null ? get(OrderFixtures.ORDERS, staffToken, "limit", 2)
                    : get(OrderFixtures.ORDERS, staffToken, "limit", 2, "cursor", cursor);
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("items.id"));
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(List.of(guestOrder, bobOrder, adaOrders.get(2), adaOrders.get(1), adaOrders.get(0)), seen);
    }

    @Test
    void badFiltersAreRefusedNamingTheParameter() {
        Map<String, Object[]> cases = Map.of(
                "status", new Object[] {"status", "lost"},
                "email", new Object[] {"email", "nobody"},
                "createdFrom", new Object[] {"createdFrom", "yesterday"},
                "createdTo", new Object[] {"createdTo", "2026-13-01"},
                "limit", new Object[] {"limit", 0},
                "limit ", new Object[] {"limit", "many"},
                "cursor", new Object[] {"cursor", "garbage"});
        cases.forEach((field, query) -> get(OrderFixtures.ORDERS, staffToken, query).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(field.strip())));
        get(OrderFixtures.ORDERS, staffToken, "limit", 101).then().statusCode(400);
    }

    @Test
    void readsNeedAShopUsersToken() {
        given().when().get(OrderFixtures.ORDERS).then().statusCode(401).contentType("application/problem+json");
        given().when().get(OrderFixtures.ORDERS + "/" + adaOrders.get(0)).then().statusCode(401);
        get(OrderFixtures.ORDERS, TestTokens.service("some-service")).then().statusCode(403);
        get(OrderFixtures.ORDERS, TestTokens.user(UUID.randomUUID().toString(), "i@example.com", shop.toString(),
                Set.of("integration"))).then().statusCode(403);
    }
}
