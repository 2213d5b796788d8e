package dev.commercesuite.order;

import static dev.commercesuite.order.OrderFixtures.guestOrder;
import static dev.commercesuite.order.OrderFixtures.items;
import static dev.commercesuite.order.OrderFixtures.place;
import static dev.commercesuite.order.OrderFixtures.slug;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.CapturedEmails;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every bad input of the list is a 400 problem naming the field, and nothing is stored: no order, line,
 * event, idempotency record, email, counter or stock change.
 */
@QuarkusTest
class OrderBadInputTest {

    @Inject
    DataSource dataSource;

    OrderFixtures db;
    String slug;
    UUID shop;
    UUID eur;
    UUID eurToo;
    UUID usd;
    UUID foreign;
    UUID inactive;

    @BeforeEach
    void setUp() throws Exception {
        CapturedEmails.accepting();
        db = new OrderFixtures(dataSource);
        slug = slug("bad");
        shop = IdentityStub.activeShop(slug, "pro");
        eur = db.product(shop, 1000, 10);
        eurToo = db.product(shop, 1000, 10);
        usd = db.product(shop, 1000, "USD", 10, true);
        inactive = db.product(shop, 1000, "EUR", 10, false);
        UUID otherShop = IdentityStub.activeShop(slug("other"), "pro");
        foreign = db.product(otherShop, 1000, 10);
    }

    @Test
    void eachBadInputIsRefusedNamingItsFieldAndStoresNothing() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        String guest = "\"tenant\":\"" + slug + "\",\"email\":\"bad@example.com\",\"name\":\"Bad\"";
        cases.put("items[0].price", "{" + guest + ",\"items\":[{\"productId\":\"" + eur
                + "\",\"quantity\":1,\"price\":1}]}");
        cases.put("items[0].unitPrice", "{" + guest + ",\"items\":[{\"productId\":\"" + eur
                + "\",\"quantity\":1,\"unitPrice\":1}]}");
        cases.put("total", "{" + guest + ",\"total\":1,\"items\":" + items(eur, 1) + "}");
        cases.put("items[0].quantity", guestOrder(slug, "bad@example.com", "Bad", eur, 0));
        cases.put("items[1].quantity", guestOrder(slug, "bad@example.com", "Bad", eur, 1, eurToo, 101));
        cases.put("items", "{" + guest + ",\"items\":" + hundredAndOneLines() + "}");
        cases.put("items ", "{" + guest + ",\"items\":[]}");
        cases.put("items  ", "{" + guest + "}");
        cases.put("items[1].productId", guestOrder(slug, "bad@example.com", "Bad", eur, 1, eur, 2));
        cases.put("items[0].productId", guestOrder(slug, "bad@example.com", "Bad", foreign, 1));
        cases.put("items[0].productId ", guestOrder(slug, "bad@example.com", "Bad", inactive, 1));
        cases.put("items[0].productId  ", guestOrder(slug, "bad@example.com", "Bad", UUID.randomUUID(), 1));
        cases.put("items[1].productId ", guestOrder(slug, "bad@example.com", "Bad", eur, 1, usd, 1));
        cases.put("items[0].productId   ", guestOrder(slug, "bad@example.com", "Bad", "not-a-uuid", 1));
        cases.put("items[0].productId    ", "{" + guest + ",\"items\":[{\"productId\":42,\"quantity\":1}]}");
        cases.put("coupon", "{" + guest + ",\"coupon\":\"FREE\",\"items\":" + items(eur, 1) + "}");
        cases.put("items[0].discount", "{" + guest + ",\"items\":[{\"productId\":\"" + eur
                + "\",\"quantity\":1,\"discount\":5}]}");
        cases.put("items[0].quantity ", "{" + guest + ",\"items\":[{\"productId\":\"" + eur
                + "\",\"quantity\":\"many\"}]}");
        cases.put("items[0].quantity  ", "{" + guest + ",\"items\":[{\"productId\":\"" + eur
                + "\",\"quantity\":\"5\"}]}");
        cases.put("items[0].quantity   ", "{" + guest + ",\"items\":[{\"productId\":\"" + eur
                + "\",\"quantity\":1.5}]}");
        cases.put("items[0].quantity    ", "{" + guest + ",\"items\":[{\"productId\":\"" + eur
                + "\",\"quantity\":99999999999999999999}]}");
        cases.put("items   ", "{" + guest + ",\"items\":{\"productId\":\"" + eur + "\"}}");
        cases.put("items[0]", "{" + guest + ",\"items\":[7]}");
        cases.put("email", guestOrder(slug, "not-an-address", "Bad", eur, 1));
        cases.put("email ", "{\"tenant\":\"" + slug + "\",\"name\":\"Bad\",\"items\":" + items(eur, 1) + "}");
        cases.put("email  ", "{\"tenant\":\"" + slug + "\",\"email\":[\"a@example.com\"],\"name\":\"Bad\","
                + "\"items\":" + items(eur, 1) + "}");
        cases.put("name", guestOrder(slug, "bad@example.com", "", eur, 1));
        cases.put("name ", guestOrder(slug, "bad@example.com", "x".repeat(201), eur, 1));
        cases.put("name  ", guestOrder(slug, "bad@example.com", "two\\nlines", eur, 1));
        cases.put("tenant", "{\"email\":\"bad@example.com\",\"name\":\"Bad\",\"items\":" + items(eur, 1) + "}");
        cases.put("tenant ", "{\"tenant\":7,\"email\":\"bad@example.com\",\"name\":\"Bad\",\"items\":"
                + items(eur, 1) + "}");
        cases.put("body", "[]");

        Map<String, Long> before = db.rows();
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            String field = bad.getKey().strip();
            place(bad.getValue(), null).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://commercesuite.dev/problems/validation-failed"))
                    .body("errors.field", hasItem(field));
        }
        assertEquals(before, db.rows());
        assertEquals(10, db.stock(eur));
        assertEquals(10, db.stock(eurToo));
        assertEquals(10, db.stock(foreign));
    }

    @Test
    void malformedJsonAndWrongMediaTypeStoreNothing() throws Exception {
        Map<String, Long> before = db.rows();
        place("{\"tenant\":", null).then().statusCode(400).contentType("application/problem+json");
        place("{\"tenant\":\"a\",\"tenant\":\"b\"}", null).then().statusCode(400)
                .body("errors.field", hasItem("tenant"));
        io.restassured.RestAssured.given().contentType("text/plain").header(OrderFixtures.KEY, "k")
                .body(guestOrder(slug, "bad@example.com", "Bad", eur, 1)).post(OrderFixtures.ORDERS)
                .then().statusCode(415).contentType("application/problem+json");
        assertEquals(before, db.rows());
    }

    @Test
    void everyFieldErrorIsNamedAtOnce() {
        place("{\"tenant\":\"" + slug + "\",\"email\":\"nope\",\"name\":\"\",\"items\":[{\"productId\":\"x\","
                + "\"quantity\":0},{\"productId\":\"" + eur + "\",\"quantity\":1,\"price\":0}]}", null, null)
                .then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("Idempotency-Key", "email", "name",
                        "items[0].productId", "items[0].quantity", "items[1].price"));
    }

    private String hundredAndOneLines() throws Exception {
        Object[] lines = new Object[202];
        for (int i = 0; i < 101; i++) {
            lines[2 * i] = UUID.randomUUID();
            lines[2 * i + 1] = 1;
        }
        return items(lines);
    }
}
