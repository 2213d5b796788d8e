package dev.commercesuite.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A shop's life through the public gateway, with every service real: the admin opens the shop and fills the catalog,
 * a guest and a signed-in customer order, the admin makes a user staff, the guest pays with Stripe (checkout, then
 * Stripe's signed webhook), staff ships the order, the guest follows it by email and on the status page (JSON and
 * HTML), and the admin refunds it. Emails are read from a real SMTP server; Stripe's side is {@link StripeDouble}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedSuite.class)
class SuiteJourneyIT {

    private static final String PASSWORD = "Quiet-Harbor-Lantern-42";

    private RunningSuite suite;
    private Mailbox mail;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String slug = "engines-" + run;

    @BeforeAll
    void startTheSuite(RunningSuite shared) {
        suite = shared;
        mail = new Mailbox(suite.smtp);
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = suite.gateway.port();
    }

    @Test
    void aShopTakesAGuestsAndACustomersOrdersTheGuestPaysStaffShipsAndTheAdminRefunds() {
        String adminEmail = "ada-" + run + "@example.com";
        String tenantId = json().body(Map.of("name", "Analytical Engines", "slug", slug, "adminEmail", adminEmail,
                "adminPassword", PASSWORD, "adminName", "Ada")).post("/api/v1/tenants")
                .then().statusCode(201).extract().path("id");
        String admin = verifiedLogin(adminEmail);

        String gears = createProduct(admin, "GEAR-1", "Brass gear", 1250, 10);
        String cards = createProduct(admin, "CARD-50", "Punched cards (50)", 399, null);
        given().queryParam("tenant", slug).get("/api/v1/products")
                .then().statusCode(200).body("items", hasSize(2)).body("items.sku", hasItem("GEAR-1"));

        // a guest orders: prices come from the catalog; the confirmation email carries the status link
        String guestEmail = "guest-" + run + "@example.com";
        Response placed = json().header("Idempotency-Key", "guest-" + run).body(Map.of("tenant", slug,
                "email", guestEmail, "name", "Grace", "items", List.of(Map.of("productId", gears, "quantity", 2),
                        Map.of("productId", cards, "quantity", 1)))).post("/api/v1/orders");
        placed.then().statusCode(201).body("orderNumber", equalTo(1001)).body("status", equalTo("pending"))
                .body("subtotal", equalTo(2 * 1250 + 399)).body("total", equalTo(2 * 1250 + 399))
                .body("currency", equalTo("EUR")).body("items", hasSize(2));
        String orderId = placed.path("id");
        String accessToken = placed.path("accessToken");
        Mailbox.Email confirmation = mail.await(guestEmail, "Order 1001 confirmed");
        assertEquals(accessToken, confirmation.token(), "the email links to the order with its access token");
        assertTrue(confirmation.from().contains("Analytical Engines"), "sent in the shop's name: " + confirmation.from());
        // a reader without a token names the shop (product reads are scoped to one shop, like every query)
        given().queryParam("tenant", slug).get("/api/v1/products/" + gears).then().statusCode(200)
                .body("stock", equalTo(8));

        // a customer signs up, verifies and orders with a token; they see their own order only
        String customerEmail = "charles-" + run + "@example.com";
        json().body(Map.of("tenant", slug, "email", customerEmail, "password", PASSWORD, "name", "Charles"))
                .post("/api/v1/auth/signup").then().statusCode(202);
        String customer = verifiedLogin(customerEmail);
        json().auth().oauth2(customer).header("Idempotency-Key", "customer-" + run)
                .body(Map.of("items", List.of(Map.of("productId", cards, "quantity", 3)))).post("/api/v1/orders")
                .then().statusCode(201).body("orderNumber", equalTo(1002)).body("total", equalTo(3 * 399));
        mail.await(customerEmail, "Order 1002 confirmed");
        given().auth().oauth2(customer).get("/api/v1/orders")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].orderNumber", equalTo(1002));
        given().auth().oauth2(customer).get("/api/v1/orders/" + orderId).then().statusCode(404);

        // the admin makes a new user staff; from their next token they move the guest's order along
        String staffEmail = "lovelace-" + run + "@example.com";
        json().body(Map.of("tenant", slug, "email", staffEmail, "password", PASSWORD, "name", "Staff"))
                .post("/api/v1/auth/signup").then().statusCode(202);
        String staffUserId = subject(verifiedLogin(staffEmail));
        given().auth().oauth2(admin).put("/api/v1/tenants/" + tenantId + "/staff/" + staffUserId)
                .then().statusCode(anyOf2xx());
        String staff = login(staffEmail);
        assertTrue(groups(staff).contains("staff"), "the new token says staff: " + groups(staff));
        given().auth().oauth2(staff).get("/api/v1/orders").then().statusCode(200).body("items", hasSize(2));
        // nobody marks an order paid by hand: only Stripe's word does
        json().auth().oauth2(staff).header("If-Match", etag(staff, orderId)).body(Map.of("status", "paid"))
                .patch("/api/v1/orders/" + orderId + "/status")
                .then().statusCode(409).contentType(containsString("application/problem+json"))
                .body("type", equalTo("https://commercesuite.dev/problems/status-set-by-payments"));

        // the guest checks out with the order's token; Stripe's signed webhook, through the gateway, pays the order
        long total = 2 * 1250 + 399;
        String intent = suite.stripe.acceptCheckout(orderId, tenantId, 1001, total, "EUR");
        given().header("X-Order-Token", accessToken).header("Idempotency-Key", "checkout-" + run)
                .post("/api/v1/orders/" + orderId + "/checkout")
                .then().statusCode(200).body("paymentIntentId", equalTo(intent))
                .body("clientSecret", equalTo(intent + "_secret_e2e"))
                .body("publishableKey", equalTo(StripeDouble.PUBLISHABLE_KEY))
                .body("amount", equalTo((int) total)).body("currency", equalTo("eur"));
        given().queryParam("token", accessToken).get("/api/v1/orders/" + orderId + "/status")
                .then().statusCode(200).body("status", equalTo("awaiting_payment"));
        String event = suite.stripe.succeeded(intent, total, "EUR", orderId, tenantId, 1001);
        given().contentType("application/json").header("Stripe-Signature", "t=1,v1=" + "0".repeat(64)).body(event)
                .post("/api/v1/webhooks/stripe").then().statusCode(400);
        given().contentType("application/json").header("Stripe-Signature", suite.stripe.signature(event))
                .body(event).post("/api/v1/webhooks/stripe")
                .then().statusCode(200).body("outcome", equalTo("paid"));
        Mailbox.Email paid = mail.await(guestEmail, "Order 1001: paid");
        assertTrue(paid.text().contains("is now paid"), paid.text());

        changeStatus(staff, orderId, Map.of("status", "shipped", "trackingUrl", "https://track.example/1001",
                "note", "Left the workshop today"));
        Mailbox.Email shipped = mail.await(guestEmail, "Order 1001: shipped");
        assertTrue(shipped.text().contains("https://track.example/1001"), shipped.text());

        // the guest follows the order with the token from the email
        given().queryParam("token", accessToken).get("/api/v1/orders/" + orderId + "/status")
                .then().statusCode(200).body("orderNumber", equalTo(1001)).body("status", equalTo("shipped"))
                .body("timeline.status", equalTo(List.of("pending", "awaiting_payment", "paid", "shipped")))
                .body("timeline[3].trackingUrl", equalTo("https://track.example/1001"));
        given().queryParam("token", accessToken).get("/orders/" + orderId)
                .then().statusCode(200).contentType(containsString("text/html"))
                .header("Cache-Control", containsString("no-store"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .body(containsString("Analytical Engines")).body(containsString("Brass gear"))
                .body(containsString("https://track.example/1001")).body(not(containsString(accessToken)));
        given().queryParam("token", "x" + accessToken.substring(1)).get("/api/v1/orders/" + orderId + "/status")
                .then().statusCode(404);

        // the admin refunds the shipped order; Stripe confirms at once and the guest is told
        suite.stripe.refundSucceeds(intent, orderId, total, "EUR");
        json().auth().oauth2(admin).header("Idempotency-Key", "refund-" + run)
                .post("/api/v1/orders/" + orderId + "/refund")
                .then().statusCode(200).body("status", equalTo("refunded"));
        mail.await(guestEmail, "Order 1001: refunded");
        assertEquals(1, suite.stripe.refundsAsked());
        given().queryParam("token", accessToken).get("/api/v1/orders/" + orderId + "/status")
                .then().statusCode(200).body("status", equalTo("refunded"))
                .body("timeline.status", equalTo(List.of("pending", "awaiting_payment", "paid", "shipped",
                        "refunded")));
    }

    private String createProduct(String admin, String sku, String name, long price, Integer stock) {
        Map<String, Object> product = new java.util.HashMap<>(Map.of("sku", sku, "name", name, "price", price,
                "currency", "EUR", "active", true));
        product.put("stock", stock);
        return json().auth().oauth2(admin).body(product).post("/api/v1/products")
                .then().statusCode(201).extract().path("id");
    }

    private void changeStatus(String staff, String orderId, Map<String, String> change) {
        json().auth().oauth2(staff).header("If-Match", etag(staff, orderId)).body(change)
                .patch("/api/v1/orders/" + orderId + "/status")
                .then().statusCode(200).body("status", equalTo(change.get("status")));
    }

    /** The order's ETag, as staff read it. */
    private static String etag(String staff, String orderId) {
        return given().auth().oauth2(staff).get("/api/v1/orders/" + orderId)
                .then().statusCode(200).extract().header("ETag");
    }

    /** Verifies {@code email} with the link of its verification email and logs in. */
    private String verifiedLogin(String email) {
        String token = mail.await(email, "Confirm your email address").token();
        json().body(Map.of("token", token)).post("/api/v1/auth/verify-email").then().statusCode(200);
        return login(email);
    }

    private String login(String email) {
        return json().body(Map.of("tenant", slug, "email", email, "password", PASSWORD)).post("/api/v1/auth/login")
                .then().statusCode(200).extract().path("accessToken");
    }

    private static org.hamcrest.Matcher<Integer> anyOf2xx() {
        return org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(200))
                .and(org.hamcrest.Matchers.lessThan(300));
    }

    private static String subject(String jwt) {
        return claims(jwt).getString("sub");
    }

    private static List<String> groups(String jwt) {
        return claims(jwt).getList("groups");
    }

    private static JsonPath claims(String jwt) {
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }
}
