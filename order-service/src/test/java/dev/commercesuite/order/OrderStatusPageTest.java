package dev.commercesuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.CapturedEmails;
import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * What the holder of an order's access token sees: {@code GET /api/v1/orders/{id}/status?token=} (JSON) and the
 * HTML page {@code GET /orders/{id}?token=}, one 404 for every key that does not open an order, the page's headers
 * and markup, the shop named in its heading (or not, when identity cannot say), and the token never in a log line.
 */
@QuarkusTest
class OrderStatusPageTest {

    private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

    @Inject
    PlacedOrders placed;

    private UUID shop;
    private String slug;

    @BeforeEach
    void shop() {
        CapturedEmails.accepting();
        slug = "page-" + UUID.randomUUID().toString().substring(0, 8);
        shop = UUID.randomUUID();
        IdentityStub.shop(shop, slug, "Mugs & <Co>", "pro", "active");
    }

    @Test
    void theTokenHolderSeesNumberStatusTotalsLinesAndTimelineAsJson() {
        UUID mug = placed.product(shop, "Mug", 1250, "EUR", 10);
        UUID poster = placed.product(shop, "Poster", 999, "EUR", null);
        Map<UUID, Integer> lines = new LinkedHashMap<>();
        lines.put(mug, 2);
        lines.put(poster, 1);
        PlacedOrders.Placed order = placed.place(shop, null, "json-" + slug + "@example.com", "Jo", lines);
        String etag = ship(order, "Left the warehouse.");

        JsonPath json = given().queryParam("token", order.token()).get("/api/v1/orders/{id}/status", order.id())
                .then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .header("ETag", etag)
                .body("orderNumber", equalTo((int) order.orderNumber()))
                .body("status", equalTo("shipped"))
                .body("currency", equalTo("EUR"))
                .body("subtotal", equalTo(3499))
                .body("total", equalTo(3499))
                .body("items.name", contains("Mug", "Poster"))
                .body("items[0].productId", equalTo(mug.toString()))
                .body("items[0].quantity", equalTo(2))
                .body("items[0].unitPrice", equalTo(1250))
                .body("items[0].lineTotal", equalTo(2500))
                .body("timeline.status", contains("pending", "awaiting_payment", "paid", "shipped"))
                .body("timeline[3].note", equalTo("Left the warehouse."))
                .body("timeline[3].trackingUrl", equalTo("https://track.example/parcel/7"))
                .body("timeline[0]", not(hasKey("note")))
                .body("timeline[0]", not(hasKey("trackingUrl")))
                .body("timeline[0]", not(hasKey("actor")))
                .body("$", not(hasKey("email")))
                .body("$", not(hasKey("accessToken")))
                .extract().jsonPath();
        List<String> at = json.getList("timeline.at");
        assertEquals(4, at.size());
        assertTrue(at.get(0).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"), at.get(0));
    }

    @Test
    void aWrongTokenAMalformedIdAndAnUnknownOrderAllGetTheSame404() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "nf-" + slug + "@example.com", 500, null, 1);
        PlacedOrders.Placed other = placed.guestOrder(shop, "nf2-" + slug + "@example.com", 500, null, 1);
        List<String> jsonPaths = List.of(
                "/api/v1/orders/" + order.id() + "/status?token=" + other.token(),
                "/api/v1/orders/" + order.id() + "/status?token=" + order.token().substring(1),
                "/api/v1/orders/" + order.id() + "/status",
                "/api/v1/orders/" + order.id() + "/status?token=",
                "/api/v1/orders/" + UUID.randomUUID() + "/status?token=" + order.token(),
                "/api/v1/orders/not-an-id/status?token=" + order.token(),
                "/api/v1/orders/" + order.id().toString().replace("-", "") + "/status?token=" + order.token());
        for (String path : jsonPaths) {
            given().get(path).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://commercesuite.dev/problems/not-found"))
                    .body("title", equalTo("Not found"))
                    .body("detail", equalTo("No order exists at this path."));
        }
        List<String> pagePaths = List.of(
                "/orders/" + order.id() + "?token=" + other.token(),
                "/orders/" + order.id() + "?token=" + order.token().toUpperCase(),
                "/orders/" + order.id(),
                "/orders/" + UUID.randomUUID() + "?token=" + order.token(),
                "/orders/not-an-id?token=" + order.token());
        String first = null;
        for (String path : pagePaths) {
            String body = given().get(path).then().statusCode(404)
                    .contentType("text/html")
                    .header("Cache-Control", "no-store")
                    .header("Referrer-Policy", "no-referrer")
                    .header("X-Robots-Tag", containsString("noindex"))
                    .body(containsString("<h1>Order not found</h1>"))
                    .extract().asString();
            if (first == null) {
                first = body;
            }
            assertEquals(first, body, "one page for every miss: " + path);
        }
    }

    @Test
    void thePageShowsTheShopTheLinesAndTheTimelineWithStrictHeaders() {
        UUID mug = placed.product(shop, "Mug <b>bold</b>", 1250, "EUR", 10);
        PlacedOrders.Placed order = placed.place(shop, null, "page-" + slug + "@example.com", "Pia",
                Map.of(mug, 3));
        ship(order, "Two boxes:\nleft the warehouse.");

        Response page = given().queryParam("token", order.token()).get("/orders/{id}", order.id());

        page.then().statusCode(200)
                .contentType("text/html")
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", containsString("noindex"))
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY");
        String html = page.asString();
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), html);
        assertTrue(html.contains("<h1><span class=\"shop\">Mugs &amp; &lt;Co&gt;</span>Order " + order.orderNumber()
                + "</h1>"), html);
        assertTrue(html.contains("<title>Order " + order.orderNumber() + " · Mugs &amp; &lt;Co&gt;</title>"), html);
        assertTrue(html.contains("<th scope=\"col\">Item</th>"), html);
        assertTrue(html.contains("<tr><th scope=\"row\">Mug &lt;b&gt;bold&lt;/b&gt;</th><td class=\"num\">3</td>"
                + "<td class=\"num\">EUR 12.50</td><td class=\"num\">EUR 37.50</td></tr>"), html);
        assertTrue(html.contains("<th scope=\"row\" colspan=\"3\">Total</th><td class=\"num\">EUR 37.50</td>"), html);
        assertTrue(html.contains("<ol class=\"timeline\""), html);
        assertTrue(html.contains("<span class=\"step\">Awaiting payment</span> <time datetime=\""), html);
        assertTrue(Pattern.compile("<time datetime=\"\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z\">\\d{1,2} [A-Z][a-z]+ \\d{4},"
                + " \\d{2}:\\d{2} UTC</time>").matcher(html).find(), html);
        assertTrue(html.contains("<p class=\"note\">Two boxes:\nleft the warehouse.</p>"), html);
        assertTrue(html.contains("<a href=\"https://track.example/parcel/7\" rel=\"noopener noreferrer external\">"
                + "Track your shipment</a>"), html);
        assertTrue(html.contains("<strong class=\"badge badge-shipped\">Shipped</strong>"), html);
        assertFalse(html.toLowerCase().contains("<script"), "no JavaScript");
        assertFalse(html.contains(order.token()), "the page does not repeat the token");

        // the policy allows exactly the inline stylesheet, by its hash, and nothing else
        String policy = page.header("Content-Security-Policy");
        Matcher style = STYLE.matcher(html);
        assertTrue(style.find());
        assertEquals("default-src 'none'; style-src 'sha256-" + sha256(style.group(1)) + "'; base-uri 'none';"
                + " form-action 'none'; frame-ancestors 'none'", policy);
        assertFalse(style.find(), "one style element");
        assertFalse(html.contains("style=\""), "no inline style attributes, which the hash does not allow");
    }

    @Test
    void amountsUseTheCurrencysOwnFractionDigits() {
        UUID tea = placed.product(shop, "Tea set", 1500, "JPY", null);
        UUID lamp = placed.product(shop, "Lamp", 1234, "KWD", null);
        PlacedOrders.Placed yen = placed.place(shop, null, "yen-" + slug + "@example.com", "Yu", Map.of(tea, 2));
        PlacedOrders.Placed dinar = placed.place(shop, null, "kwd-" + slug + "@example.com", "Ku", Map.of(lamp, 1));

        given().queryParam("token", yen.token()).get("/orders/{id}", yen.id()).then().statusCode(200)
                .body(containsString("<td class=\"num\">JPY 1,500</td><td class=\"num\">JPY 3,000</td>"));
        given().queryParam("token", dinar.token()).get("/orders/{id}", dinar.id()).then().statusCode(200)
                .body(containsString("<td class=\"num\">KWD 1.234</td>"));
    }

    @Test
    void withoutTheShopsNameThePageStillRendersUnderANeutralHeading() {
        UUID unknownShop = UUID.randomUUID(); // identity answers 404 for it
        PlacedOrders.Placed gone = placed.guestOrder(unknownShop, "gone-" + slug + "@example.com", 700, null, 1);
        given().queryParam("token", gone.token()).get("/orders/{id}", gone.id()).then().statusCode(200)
                .body(containsString("<h1>Order " + gone.orderNumber() + "</h1>"))
                .body(containsString("<title>Order " + gone.orderNumber() + "</title>"));

        UUID downShop = UUID.randomUUID(); // identity fails for it and nothing is cached
        IdentityStub.client().register(get(urlEqualTo(IdentityStub.TENANTS + downShop)).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        PlacedOrders.Placed down = placed.guestOrder(downShop, "down-" + slug + "@example.com", 700, null, 1);
        given().queryParam("token", down.token()).get("/orders/{id}", down.id()).then().statusCode(200)
                .body(containsString("<h1>Order " + down.orderNumber() + "</h1>"))
                .body(containsString("EUR 7.00"));
    }

    @Test
    void theTokenNeverReachesALogLine() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "log-" + slug + "@example.com", 300, 5, 1);
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getLoggerName() + " " + record.getMessage() + " "
                        + Arrays.toString(record.getParameters()) + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            given().queryParam("token", order.token()).get("/orders/{id}", order.id()).then().statusCode(200);
            given().queryParam("token", order.token()).get("/api/v1/orders/{id}/status", order.id())
                    .then().statusCode(200);
            given().queryParam("token", order.token() + "x").get("/orders/{id}", order.id()).then().statusCode(404);
            given().header("X-Order-Token", order.token()).header("If-Match", "\"0\"")
                    .contentType("application/json").body("{\"status\":\"cancelled\"}")
                    .patch("/api/v1/orders/{id}/status", order.id()).then().statusCode(200);
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(logged.stream().anyMatch(line -> line.contains("GET /orders/" + order.id() + " ")),
                "the access log saw the page: " + logged);
        assertTrue(logged.stream().anyMatch(line -> line.contains("PATCH /api/v1/orders/" + order.id() + "/status")),
                "the access log saw the cancellation: " + logged);
        assertEquals(List.of(), logged.stream().filter(line -> line.contains(order.token())).toList(),
                "log lines holding the token");
        assertEquals(List.of(), logged.stream().filter(line -> line.contains("token=")).toList(),
                "log lines holding a query string with a token");
    }

    /** The order paid with Stripe (see {@link Paying}) and shipped by staff; answers its ETag after shipping. */
    private String ship(PlacedOrders.Placed order, String note) {
        Paying.pay(order);
        String staff = TestTokens.user(UUID.randomUUID().toString(), "staff@example.com", shop.toString(),
                Set.of("staff"));
        return given().auth().oauth2(staff).header("If-Match", Paying.etag(order)).contentType("application/json")
                .body("{\"status\":\"shipped\",\"trackingUrl\":\"https://track.example/parcel/7\",\"note\":\""
                        + note.replace("\n", "\\n") + "\"}")
                .patch("/api/v1/orders/{id}/status", order.id()).then().statusCode(200)
                .body("status", equalTo("shipped")).extract().header("ETag");
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
