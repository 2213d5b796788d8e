package dev.commercesuite.identity;

import static dev.commercesuite.identity.Shops.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.commercesuite.identity.service.OneTimeTokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TenantResourceTest {

    @Inject
    DataSource dataSource;

    private Sql sql;
    private CapturedEmails emails;

    @BeforeEach
    void stub() {
        sql = new Sql(dataSource);
        emails = CapturedEmails.accepting();
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

        assertEquals("admin|Owner." + slug + "@example.com|unverified", sql.single(
                "SELECT role || '|' || email || '|' || CASE WHEN email_verified_at IS NULL THEN 'unverified'"
                        + " ELSE 'verified' END FROM users WHERE tenant_id = ?::uuid", id));
        assertEquals("tenant.created", sql.single("SELECT action FROM audit_events WHERE tenant_id = ?::uuid", id));

        // the verification email leaves through the outbox; its token is stored only as a SHA-256
        JsonNode sent = emails.await("Owner." + slug + "@example.com", "verify-email");
        String token = sent.path("data").path("token").asText();
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
        assertEquals(HexFormat.of().formatHex(OneTimeTokens.sha256(token)), sql.single(
                "SELECT encode(t.token_sha256, 'hex') FROM email_verification_tokens t JOIN users u ON u.id = t.user_id"
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
        assertEquals(0, sql.count("SELECT count(*) FROM users WHERE email = ?", "b-" + slug + "@example.com"));
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

    private static Map<String, Object> body(String slug, String email, String password) {
        return Map.of("name", "Analytical Engines", "slug", slug, "adminEmail", email, "adminPassword", password,
                "adminName", "Ada Lovelace");
    }

    private static String slug() {
        return "shop-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
