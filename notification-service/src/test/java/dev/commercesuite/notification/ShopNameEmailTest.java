package dev.commercesuite.notification;

import static dev.commercesuite.notification.EmailIntakeTest.awaitMessages;
import static dev.commercesuite.notification.EmailIntakeTest.post;
import static dev.commercesuite.notification.EmailIntakeTest.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An email sent for a shop is from the shop: its name is the From header's display name (over the configured
 * address) and heads the email; without one the suite's name does. A name that could break the header is refused.
 */
@QuarkusTest
class ShopNameEmailTest {

    private static final String SERVICE = TestTokens.service("identity-service"); // the client EmailIntakeTest.post sends as
    private static final String SENDER = "no-reply@commercesuite.dev";

    @Inject
    DataSource dataSource;

    @ParameterizedTest
    @ValueSource(strings = {"Café Ünïcode", "Analytical Engines", "Bob's \"Best\", Shop <since 1843>",
            "=?UTF-8?B?UGF5UGFsIFNlY3VyaXR5?=", "東京の本屋 🫖"})
    void theShopsNameIsTheFromDisplayNameAndTheHeading(String shop) throws Exception {
        String to = unique("shop");
        String id = post(UUID.randomUUID().toString(), request("verify-email", to, shop)).statusCode(202)
                .extract().path("id");

        MimeMessage message = awaitMessages(to, 1).get(0);
        assertEquals(1, message.getHeader("From").length, "one From header");
        InternetAddress from = (InternetAddress) message.getFrom()[0];
        assertEquals(shop, from.getPersonal());
        assertEquals(SENDER, from.getAddress());
        Multipart parts = (Multipart) message.getContent();
        String text = parts.getBodyPart(0).getContent().toString();
        String html = parts.getBodyPart(1).getContent().toString();
        assertTrue(text.startsWith(shop + "\r\n") || text.startsWith(shop + "\n"), text);
        String escaped = shop.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
        assertTrue(html.contains(">" + escaped + "</p>"), html);
        assertTrue(!html.contains("Commerce Suite"), html);
        given().auth().oauth2(SERVICE).when().get("/internal/v1/emails/" + id)
                .then().statusCode(200).body("shopName", equalTo(shop));
    }

    @Test
    void withoutAShopTheEmailIsFromTheSuite() throws Exception {
        String to = unique("suite");
        post(UUID.randomUUID().toString(), EmailSamples.request("welcome", to)).statusCode(202);
        MimeMessage message = awaitMessages(to, 1).get(0);
        InternetAddress from = (InternetAddress) message.getFrom()[0];
        assertEquals("Commerce Suite", from.getPersonal());
        assertEquals(SENDER, from.getAddress());
        String html = ((Multipart) message.getContent()).getBodyPart(1).getContent().toString();
        assertTrue(html.contains(">Commerce Suite</p>"), html);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Shop\r\nBcc: victim@example.com", "Shop\nX-Injected: yes", "Shop\rX: y", "Tab\tShop",
            "Line\u2028Separator", "   ", ""})
    void aShopNameThatCouldBreakTheHeaderIsRefusedAndNothingIsStored(String shop) throws Exception {
        String to = unique("refused");
        post(UUID.randomUUID().toString(), request("welcome", to, shop)).statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/validation-failed"))
                .body("errors.field", hasItem("shopName"));
        assertEquals(0, storedFor(to));
    }

    @Test
    void aShopNameIsAtMost200Characters() throws Exception {
        String to = unique("long");
        post(UUID.randomUUID().toString(), request("welcome", to, "é".repeat(201))).statusCode(400)
                .body("errors.field", hasItem("shopName"));
        // 200 characters, each outside the BMP (two UTF-16 units), still fit
        String longest = "🫖".repeat(200);
        post(UUID.randomUUID().toString(), request("welcome", to, longest)).statusCode(202);
        assertEquals(longest, ((InternetAddress) awaitMessages(to, 1).get(0).getFrom()[0]).getPersonal());
    }

    @Test
    void theShopsNameIsPartOfTheIdempotentRequest() {
        String to = unique("idem");
        String key = UUID.randomUUID().toString();
        String first = post(key, request("welcome", to, "Café Ünïcode")).statusCode(202).extract().path("id");
        post(key, request("welcome", to, "Café Ünïcode")).statusCode(202).body("id", equalTo(first));
        post(key, request("welcome", to, "Another Shop")).statusCode(422);
        post(key, EmailSamples.request("welcome", to)).statusCode(422);
        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> awaitMessages(to, 1).size() == 1);
    }

    @Test
    void aRequestWithoutAShopHashesAsItDidBeforeTheFieldExisted() throws Exception {
        // the fingerprint of a request is the SHA-256 of its JSON with keys sorted; an absent shopName must not
        // appear in it, or a retry of an email queued before the upgrade would be refused as a different request
        String to = unique("fingerprint");
        post(UUID.randomUUID().toString(), EmailSamples.request("welcome", to)).statusCode(202);
        String canonical = "{\"data\":{\"name\":\"Ada Lovelace\"},\"locale\":null,\"template\":\"welcome\","
                + "\"tenantId\":\"tenant-a\",\"to\":\"" + to + "\"}";
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT request_hash FROM emails WHERE recipient = ?")) {
            query.setString(1, to);
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next());
                assertEquals(expected, rows.getString(1));
            }
        }
    }

    private long storedFor(String recipient) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM emails WHERE recipient = ?")) {
            query.setString(1, recipient);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static Map<String, Object> request(String template, String to, String shop) {
        Map<String, Object> body = new HashMap<>(EmailSamples.request(template, to));
        body.put("shopName", shop);
        return body;
    }
}
