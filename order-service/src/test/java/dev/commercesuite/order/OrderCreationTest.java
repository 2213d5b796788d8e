package dev.commercesuite.order;

import static dev.commercesuite.order.OrderFixtures.customer;
import static dev.commercesuite.order.OrderFixtures.customerOrder;
import static dev.commercesuite.order.OrderFixtures.guestOrder;
import static dev.commercesuite.order.OrderFixtures.place;
import static dev.commercesuite.order.OrderFixtures.slug;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.commercesuite.defaults.testing.CapturedEmails;
import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** POST /api/v1/orders: what a guest and a customer get, what is stored and sent, and each refusal. */
@QuarkusTest
class OrderCreationTest {

    @Inject
    DataSource dataSource;

    OrderFixtures db;
    CapturedEmails emails;

    @BeforeEach
    void setUp() {
        db = new OrderFixtures(dataSource);
        emails = CapturedEmails.accepting();
    }

    @Test
    void guestPlacesAnOrderWithCatalogPricesReservedStockAndAConfirmationEmail() throws Exception {
        String slug = slug("guest");
        UUID shop = IdentityStub.activeShop(slug, "pro");
        UUID mug = db.product(shop, 1250, 10);
        UUID tee = db.product(shop, 1999, null);
        String email = "Guest." + slug + "@Example.COM";

        Response created = place(guestOrder(slug, " " + email + " ", "Ada Guest", mug, 2, tee, 1), null);

        created.then().statusCode(201)
                .header("Location", equalTo("/api/v1/orders/" + created.path("id")))
                .header("Idempotent-Replayed", nullValue())
                .body("orderNumber", is(1001))
                .body("status", equalTo("pending"))
                .body("currency", equalTo("EUR"))
                .body("subtotal", is(2 * 1250 + 1999))
                .body("total", is(2 * 1250 + 1999))
                .body("items", hasSize(2))
                .body("items[0].productId", equalTo(mug.toString()))
                .body("items[0].name", equalTo("Product " + mug.toString().substring(0, 8)))
                .body("items[0].quantity", is(2))
                .body("items[0].unitPrice", is(1250))
                .body("items[0].lineTotal", is(2500))
                .body("items[1].unitPrice", is(1999))
                .body("accessToken", matchesPattern("[A-Za-z0-9_-]{43}"));
        JsonPath body = created.jsonPath();
        assertEquals(Set.of("id", "orderNumber", "status", "currency", "subtotal", "total", "items", "createdAt",
                "accessToken", "statusUrl"), body.getMap("").keySet());
        String id = body.getString("id");
        String token = body.getString("accessToken");
        assertEquals("https://shop.example.test/orders/" + id + "?token=" + token, body.getString("statusUrl"));
        Instant createdAt = Instant.parse(body.getString("createdAt"));

        assertEquals(8, db.stock(mug), "two of ten mugs are reserved");
        assertEquals(null, db.stock(tee), "unlimited stays unlimited");
        String normalized = "Guest." + slug + "@example.com";
        assertEquals(normalized, db.single("SELECT email FROM orders WHERE id = ?", UUID.fromString(id)));
        assertEquals("Ada Guest", db.single("SELECT name FROM orders WHERE id = ?", UUID.fromString(id)));
        assertEquals(null, db.single("SELECT customer_id FROM orders WHERE id = ?", UUID.fromString(id)));
        assertEquals(createdAt, Instant.parse(db.single("SELECT to_char(created_at AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM orders WHERE id = ?", UUID.fromString(id))));
        assertEquals(HexFormat.of().formatHex(sha256(token)), db.single(
                "SELECT encode(access_token_hash, 'hex') FROM orders WHERE id = ?", UUID.fromString(id)),
                "only the token's SHA-256 is kept");
        assertEquals(2, db.count("SELECT count(*) FROM order_items WHERE order_id = ?", UUID.fromString(id)));
        assertEquals("pending", db.single("SELECT status FROM order_events WHERE order_id = ?", UUID.fromString(id)));
        assertEquals("guest", db.single("SELECT actor FROM order_events WHERE order_id = ?", UUID.fromString(id)));
        assertEquals(1, db.count("SELECT orders FROM monthly_order_counts WHERE tenant_id = ? AND month = ?", shop,
                LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1)));
        assertEquals("guest order-placed " + id + " 1001", db.single("SELECT actor || ' ' || action || ' ' ||"
                + " (metadata->>'orderId') || ' ' || (metadata->>'orderNumber') FROM audit_events WHERE tenant_id = ?",
                shop), "audited in the order's transaction");

        JsonNode email1 = emails.await(normalized, "order-confirmation");
        assertEquals(shop.toString(), email1.path("tenantId").asText());
        assertEquals("Shop " + slug, email1.path("shopName").asText(), "the email names the shop, not the suite");
        JsonNode data = email1.path("data");
        assertEquals("Ada Guest", data.path("name").asText());
        assertEquals("1001", data.path("orderNumber").asText());
        assertEquals(id, data.path("orderId").asText(), "the status link is built from the order id ...");
        assertEquals(token, data.path("accessToken").asText(), "... and the access token");
        assertEquals("EUR", data.path("currency").asText());
        assertEquals(2 * 1250 + 1999, data.path("total").asLong());
        assertEquals(2, data.path("items").size());
        assertEquals(1250, data.path("items").get(0).path("unitPrice").asLong());
    }

    @Test
    void customerPlacesAnOrderWithTheShopAndAddressFromTheToken() throws Exception {
        String slug = slug("customer");
        UUID shop = IdentityStub.activeShop(slug, "starter");
        UUID product = db.product(shop, 500, 3);
        UUID user = UUID.randomUUID();
        String email = "buyer-" + slug + "@example.com";

        Response created = place(customerOrder(product, 3), customer(user, email, shop));

        created.then().statusCode(201).body("orderNumber", is(1001)).body("total", is(1500));
        UUID id = UUID.fromString(created.path("id"));
        assertEquals(user.toString(), db.single("SELECT customer_id FROM orders WHERE id = ?", id));
        assertEquals(email, db.single("SELECT email FROM orders WHERE id = ?", id));
        assertEquals("buyer-" + slug, db.single("SELECT name FROM orders WHERE id = ?", id),
                "without a name the address's local part names the buyer");
        assertEquals("user:" + user, db.single("SELECT actor FROM order_events WHERE order_id = ?", id));
        assertEquals(0, db.stock(product));
        assertEquals(created.path("accessToken").toString(),
                emails.await(email, "order-confirmation").path("data").path("accessToken").asText());

        Response named = place("{\"name\":\"Grace Buyer\",\"items\":" + OrderFixtures.items(
                db.product(shop, 100, null), 1) + "}", customer(user, email, shop));
        named.then().statusCode(201).body("orderNumber", is(1002));
        assertEquals("Grace Buyer", db.single("SELECT name FROM orders WHERE id = ?",
                UUID.fromString(named.path("id"))));
    }

    @Test
    void customerMayNotNameAnotherShopOrAddressAndOtherTokensCannotBuy() throws Exception {
        String slug = slug("claims");
        UUID shop = IdentityStub.activeShop(slug, "pro");
        UUID product = db.product(shop, 500, null);
        Map<String, Long> before = db.rows();

        place("{\"tenant\":\"" + slug + "\",\"email\":\"x@example.com\",\"items\":"
                + OrderFixtures.items(product, 1) + "}", customer(UUID.randomUUID(), "me@example.com", shop))
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("tenant", "email"));
        place(customerOrder(product, 1), TestTokens.service("some-service")).then().statusCode(403)
                .contentType("application/problem+json");
        place(customerOrder(product, 1), TestTokens.user(UUID.randomUUID().toString(), "x@example.com",
                shop.toString(), Set.of("integration"))).then().statusCode(403);
        place(customerOrder(product, 1), TestTokens.forged(UUID.randomUUID().toString(), "customer"))
                .then().statusCode(401);
        assertEquals(before, db.rows());
    }

    @Test
    void repeatWithTheSameKeyAndBodyReplaysTheFirstAnswerAndPlacesNothingMore() throws Exception {
        String slug = slug("replay");
        UUID shop = IdentityStub.activeShop(slug, "pro");
        UUID product = db.product(shop, 700, 5);
        String key = UUID.randomUUID().toString();
        String body = guestOrder(slug, "replay@example.com", "Re Play", product, 2);

        Response first = place(body, null, key);
        first.then().statusCode(201);
        // the same request, keys in another order and spaced differently, is the same request
        Response again = place("{ \"items\": " + OrderFixtures.items(product, 2) + ", \"name\": \"Re Play\","
                + " \"email\": \"replay@example.com\", \"tenant\": \"" + slug + "\" }", null, key);

        again.then().statusCode(201)
                .header("Idempotent-Replayed", equalTo("true"))
                .header("Location", equalTo(first.header("Location")))
                .contentType("application/json");
        assertEquals(first.asString(), again.asString(), "the very same body, access token included");
        assertEquals(1, db.ordersOf(shop));
        assertEquals(3, db.stock(product));
        assertEquals(1, emails.all("replay@example.com", "order-confirmation").size() <= 1 ? 1 : 0);

        String stored = db.single("SELECT response_body FROM idempotency_records WHERE tenant_id = ?", shop);
        assertTrue(!stored.contains(first.jsonPath().getString("accessToken")),
                "the stored answer is sealed: the database never holds the access token");
        assertEquals(0, db.count("SELECT count(*) FROM idempotency_records WHERE idempotency_key = ?", key),
                "nor the key itself");
    }

    @Test
    void sameKeyWithAnotherBodyIsRefusedAndTheSameKeyOfAnotherCallerIsTheirOwn() throws Exception {
        String slug = slug("reused");
        UUID shop = IdentityStub.activeShop(slug, "pro");
        UUID product = db.product(shop, 700, null);
        String key = "order-" + slug;

        place(guestOrder(slug, "first@example.com", "First", product, 1), null, key).then().statusCode(201);
        place(guestOrder(slug, "first@example.com", "First", product, 2), null, key).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/idempotency-key-reused"));
        place(guestOrder(slug, "other@example.com", "Other", product, 2), null, key).then().statusCode(201)
                .header("Idempotent-Replayed", nullValue());
        place(customerOrder(product, 2), customer(UUID.randomUUID(), "c@example.com", shop), key)
                .then().statusCode(201).header("Idempotent-Replayed", nullValue());
        assertEquals(3, db.ordersOf(shop));
    }

    @Test
    void missingOrMalformedIdempotencyKeyIsRefusedNamingTheHeader() throws Exception {
        String slug = slug("nokey");
        UUID shop = IdentityStub.activeShop(slug, "pro");
        UUID product = db.product(shop, 700, null);
        Map<String, Long> before = db.rows();
        for (String key : new String[] {null, "", "with space", "x".repeat(256), "cl\u00e9"}) {
            place(guestOrder(slug, "k@example.com", "K", product, 1), null, key).then().statusCode(400)
                    .body("errors.field", containsInAnyOrder("Idempotency-Key"));
        }
        place(guestOrder(slug, "k@example.com", "K", product, 1), null, "x".repeat(255)).then().statusCode(201);
        assertEquals(before.get("orders") + 1, db.rows().get("orders"));
    }

    @Test
    void outOfStockNamesTheShortLinesReservesNothingAndIsReplayed() throws Exception {
        String slug = slug("stock");
        UUID shop = IdentityStub.activeShop(slug, "pro");
        UUID plenty = db.product(shop, 100, 10);
        UUID scarce = db.product(shop, 100, 1);
        UUID none = db.product(shop, 100, 0);
        String key = UUID.randomUUID().toString();
        String body = guestOrder(slug, "oos@example.com", "O", plenty, 5, scarce, 2, none, 1);

        Response refused = place(body, null, key);
        refused.then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/out-of-stock"))
                .body("errors.field", containsInAnyOrder("items[1]", "items[2]"));
        assertEquals(10, db.stock(plenty));
        assertEquals(1, db.stock(scarce));
        assertEquals(0, db.ordersOf(shop));
        assertEquals(0, db.count("SELECT count(*) FROM monthly_order_counts WHERE tenant_id = ?", shop)
                + db.count("SELECT count(*) FROM order_numbers WHERE tenant_id = ?", shop), "counters rolled back");

        db.execute("UPDATE products SET stock = 100 WHERE tenant_id = ?", shop);
        Response replayed = place(body, null, key);
        replayed.then().statusCode(409).header("Idempotent-Replayed", equalTo("true"))
                .contentType("application/problem+json");
        assertEquals(refused.asString(), replayed.asString(), "a refusal is kept for its key like Stripe does");
        assertEquals(0, db.ordersOf(shop));

        place(body, null).then().statusCode(201).body("orderNumber", is(1001));
    }

    @Test
    void suspendedShopTakesNoOrdersAndUnknownShopIsNotFound() throws Exception {
        String slug = slug("suspended");
        UUID shop = UUID.randomUUID();
        IdentityStub.shop(shop, slug, "Suspended", "pro", "suspended");
        UUID product = db.product(shop, 100, null);
        Map<String, Long> before = db.rows();

        place(guestOrder(slug, "s@example.com", "S", product, 1), null).then().statusCode(403)
                .body("type", equalTo("https://commercesuite.dev/problems/tenant-suspended"));
        place(customerOrder(product, 1), customer(UUID.randomUUID(), "s@example.com", shop)).then()
                .statusCode(403).body("type", equalTo("https://commercesuite.dev/problems/tenant-suspended"));
        place(guestOrder(slug("nobody"), "s@example.com", "S", product, 1), null).then().statusCode(404)
                .body("type", equalTo("https://commercesuite.dev/problems/tenant-not-found"));
        assertEquals(before, db.rows());
    }

    @Test
    void starterShopOverItsMonthlyLimitIsRefusedWithTheLimitAndWhenItResets() throws Exception {
        String slug = slug("limit");
        UUID shop = IdentityStub.activeShop(slug, "starter");
        UUID product = db.product(shop, 100, null);
        LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        db.execute("INSERT INTO monthly_order_counts (tenant_id, month, orders) VALUES (?, ?, 99)", shop, month);

        place(guestOrder(slug, "l@example.com", "L", product, 1), null).then().statusCode(201);
        Response refused = place(guestOrder(slug, "l@example.com", "L", product, 1), null);

        refused.then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/order-limit-reached"))
                .body("status", is(403))
                .body("limit", is(100))
                .body("resetsAt", equalTo(month.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString()));
        assertEquals(1, db.ordersOf(shop));
        assertEquals(100, db.count("SELECT orders FROM monthly_order_counts WHERE tenant_id = ?", shop));
    }

    @Test
    void orderNumbersArePerShop() throws Exception {
        String one = slug("numbers-a");
        String two = slug("numbers-b");
        UUID shopOne = IdentityStub.activeShop(one, "pro");
        UUID shopTwo = IdentityStub.activeShop(two, "pro");
        UUID productOne = db.product(shopOne, 100, null);
        UUID productTwo = db.product(shopTwo, 100, null);

        place(guestOrder(one, "n@example.com", "N", productOne, 1), null).then().body("orderNumber", is(1001));
        place(guestOrder(one, "n@example.com", "N", productOne, 1), null).then().body("orderNumber", is(1002));
        place(guestOrder(two, "n@example.com", "N", productTwo, 1), null).then().body("orderNumber", is(1001));
        assertNotEquals(db.orderNumbers(shopOne), db.orderNumbers(shopTwo));
    }

    private static byte[] sha256(String token) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    }
}
