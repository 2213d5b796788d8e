package dev.commercesuite.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.commercesuite.identity.service.OneTimeTokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TenantResourceTest {

    private static final String PASSWORD = "Quiet-Harbor-Lantern-42";

    @Inject
    DataSource dataSource;

    private WireMock notification;

    @BeforeEach
    void stub() {
        notification = new WireMock("127.0.0.1", NotificationStub.port());
        notification.register(post(urlEqualTo("/internal/v1/emails")).willReturn(aResponse().withStatus(202)));
    }

    @Test
    void createsTheShopItsUnverifiedAdminAVerificationEmailAndAnAuditEvent() throws Exception {
        String slug = slug();
        String email = "Owner." + slug + "@Example.COM";
        String id = given().contentType("application/json").body(body(slug, email, PASSWORD))
                .when().post("/api/v1/tenants")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/tenants/[0-9a-f-]{36}"))
                .body("slug", equalTo(slug))
                .body("tier", equalTo("starter"))
                .body("status", equalTo("active"))
                .extract().path("id");

        assertEquals("admin|Owner." + slug + "@example.com|unverified", single(
                "SELECT role || '|' || email || '|' || CASE WHEN email_verified_at IS NULL THEN 'unverified' ELSE 'verified' END"
                        + " FROM users WHERE tenant_id = ?::uuid", id));
        assertEquals("tenant.created", single("SELECT action FROM audit_events WHERE tenant_id = ?::uuid", id));

        // the verification email leaves through the outbox; its token is stored only as a SHA-256
        LoggedRequest sent = awaitEmailTo("Owner." + slug + "@example.com");
        JsonNode payload = new ObjectMapper().readTree(sent.getBodyAsString());
        assertEquals("verify-email", payload.path("template").asText());
        String token = payload.path("data").path("token").asText();
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
        assertArrayEquals(OneTimeTokens.sha256(token), bytes(
                "SELECT t.token_sha256 FROM email_verification_tokens t JOIN users u ON u.id = t.user_id"
                        + " WHERE u.tenant_id = ?::uuid", id));
    }

    @Test
    void takenSlugIs409AndStoresNothing() throws Exception {
        String slug = slug();
        given().contentType("application/json").body(body(slug, "a-" + slug + "@example.com", PASSWORD))
                .when().post("/api/v1/tenants").then().statusCode(201);
        given().contentType("application/json").body(body(slug, "b-" + slug + "@example.com", PASSWORD))
                .when().post("/api/v1/tenants")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/conflict"));
        assertEquals("0", single("SELECT count(*)::text FROM users WHERE email = ?", "b-" + slug + "@example.com"));
    }

    @Test
    void everyFailedPasswordRuleAndBadFieldIsListed() {
        String slug = "shop-" + new java.util.Random().ints(8, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
        // only lowercase letters and a dash (2 classes), and it contains the slug
        given().contentType("application/json").body(body(slug, "owner@example.com", slug + "abcdef"))
                .when().post("/api/v1/tenants")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("adminPassword"))
                .body("errors.message", hasItems("must mix at least 3 of: lowercase letters, uppercase letters, digits, symbols",
                        "must not contain the shop's name"));
    }

    @Test
    void badSlugTierAndAddressAre400() {
        Map<String, Object> body = new HashMap<>(body("Not A Slug!", "owner@example.com", PASSWORD));
        body.put("tier", "enterprise");
        given().contentType("application/json").body(body).when().post("/api/v1/tenants")
                .then().statusCode(400).body("errors.field", hasItems("slug", "tier"));
        given().contentType("application/json").body(body(slug(), "owner@example.com\r\nBcc: x@example.com", PASSWORD))
                .when().post("/api/v1/tenants")
                .then().statusCode(400).body("errors.field", hasItem("adminEmail"));
    }

    @Test
    void missingBodyAndWrongTypesAre400NotServerErrors() {
        given().contentType("application/json").when().post("/api/v1/tenants").then().statusCode(400);
        given().contentType("application/json").body("{\"name\": 42, \"slug\": [\"x\"]}").when().post("/api/v1/tenants")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType("text/plain").body("shop").when().post("/api/v1/tenants").then().statusCode(415);
    }

    private LoggedRequest awaitEmailTo(String address) {
        Awaitility.await("verification email to " + address).atMost(Duration.ofSeconds(20))
                .until(() -> notification.find(postRequestedFor(urlEqualTo("/internal/v1/emails"))).stream()
                        .anyMatch(r -> r.getBodyAsString().contains(address)));
        return notification.find(postRequestedFor(urlEqualTo("/internal/v1/emails"))).stream()
                .filter(r -> r.getBodyAsString().contains(address)).findFirst().orElseThrow();
    }

    private static Map<String, Object> body(String slug, String email, String password) {
        return Map.of("name", "Analytical Engines", "slug", slug, "adminEmail", email, "adminPassword", password,
                "adminName", "Ada Lovelace");
    }

    private static String slug() {
        return "shop-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String single(String sql, String parameter) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private byte[] bytes(String sql, String parameter) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getBytes(1) : null;
            }
        }
    }
}
