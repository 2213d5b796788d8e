package dev.commercesuite.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.MovableClock;
import dev.commercesuite.defaults.testing.TestTokens;
import dev.commercesuite.identity.Shops.Shop;
import dev.commercesuite.identity.service.ApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A shop's API keys: shown once, stored hashed, exchanged for integration tokens, revocable, never another shop's. */
@QuarkusTest
class ApiKeyTest {

    @Inject
    DataSource dataSource;

    @Inject
    MovableClock clock;

    private Sql sql;
    private Shop shop;
    private String admin;

    @BeforeEach
    void admin() {
        sql = new Sql(dataSource);
        CapturedEmails emails = CapturedEmails.accepting();
        shop = Shops.create();
        admin = Shops.adminToken(emails, shop);
    }

    @Test
    void createExchangeUseAndRevoke() throws Exception {
        Response created = create(admin, shop.id(), Map.of("name", "Warehouse sync"));
        created.then().statusCode(201).header("Location", endsWith("/api/v1/tenants/" + shop.id() + "/api-keys/"
                + created.path("id"))).header("Cache-Control", "no-store")
                .body("key", matchesPattern("cs_live_ak[a-z0-9]{14}_[0-9A-Za-z]{46}"))
                .body("prefix", equalTo("cs_live_" + created.path("id")));
        String id = created.path("id");
        String key = created.path("key");
        String secret = key.substring(key.lastIndexOf('_') + 1);
        assertTrue(ApiKeys.looksGenuine(key));
        assertFalse(ApiKeys.looksGenuine(key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A")));
        // only the secret's SHA-256 is stored
        assertEquals(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII))),
                sql.single("SELECT encode(secret_sha256, 'hex') FROM api_keys WHERE id = ?", id));

        String token = exchange(id, secret).then().statusCode(200).header("Cache-Control", "no-store")
                .extract().path("access_token");
        Map<String, Object> claims = TestTokens.verifiedClaims(token);
        assertEquals(List.of("integration"), claims.get("groups"));
        assertEquals(shop.id(), claims.get("tenant"));
        assertEquals("api-key:" + id, claims.get("sub"));
        exchange(id, key).then().statusCode(200); // the whole key works as the secret too

        given().auth().oauth2(admin).when().get("/api/v1/tenants/" + shop.id() + "/api-keys")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(id))
                .body("items[0].name", equalTo("Warehouse sync")).body("items[0].lastUsedAt", not(nullValue()))
                .body("items[0]", not(org.hamcrest.Matchers.hasKey("key")));

        given().auth().oauth2(admin).when().delete("/api/v1/tenants/" + shop.id() + "/api-keys/" + id)
                .then().statusCode(204);
        exchange(id, secret).then().statusCode(401).body("error", equalTo("invalid_client"));
        given().auth().oauth2(admin).when().delete("/api/v1/tenants/" + shop.id() + "/api-keys/" + id)
                .then().statusCode(204); // already revoked: still gone
        assertEquals("api-key.created,api-key.used,api-key.used,api-key.revoked,api-key.refused",
                sql.single("SELECT string_agg(action, ',' ORDER BY created_at) FROM audit_events"
                        + " WHERE tenant_id = ?::uuid AND action LIKE 'api-key.%'", shop.id()));
    }

    @Test
    void aWrongSecretAndAnUnknownKeyGetTheSameAnswer() throws Exception {
        Response created = create(admin, shop.id(), Map.of("name", "CI"));
        String id = created.path("id");
        Response wrongSecret = exchange(id, "0".repeat(46));
        Response unknownKey = exchange("akzzzzzzzzzzzzzz", "0".repeat(46));
        for (Response answer : List.of(wrongSecret, unknownKey)) {
            answer.then().statusCode(401).body("error", equalTo("invalid_client"));
        }
        assertEquals(wrongSecret.asString(), unknownKey.asString());
        assertEquals("wrong-secret", sql.single("SELECT metadata->>'reason' FROM audit_events"
                + " WHERE tenant_id = ?::uuid AND action = 'api-key.refused'", shop.id()));
        assertEquals(1, sql.count("SELECT count(*) FROM audit_events WHERE actor = 'api-key:akzzzzzzzzzzzzzz'"
                + " AND metadata->>'reason' = 'unknown-key' AND created_at > now() - interval '1 minute'"));
    }

    @Test
    void expiredKeysAreRefused() throws Exception {
        Response created = create(admin, shop.id(), Map.of("name", "Short-lived",
                "expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()));
        created.then().statusCode(201).body("expiresAt", not(nullValue()));
        String key = created.path("key");
        String id = created.path("id");
        // a day and a second later (the clock moves instead of the row)
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        try {
            exchange(id, key.substring(key.lastIndexOf('_') + 1)).then().statusCode(401);
        } finally {
            clock.reset();
        }
        assertEquals("expired", sql.single("SELECT metadata->>'reason' FROM audit_events WHERE actor = ?"
                + " AND action = 'api-key.refused'", "api-key:" + id));
    }

    @Test
    void anotherShopsKeysAreNeverFoundAndItsKeyNeverActsHere() throws Exception {
        CapturedEmails emails = CapturedEmails.accepting();
        Shop other = Shops.create();
        String otherAdmin = Shops.adminToken(emails, other);
        String otherKey = create(otherAdmin, other.id(), Map.of("name", "Theirs")).path("id");

        create(admin, other.id(), Map.of("name", "Mine in theirs")).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).when().get("/api/v1/tenants/" + other.id() + "/api-keys").then().statusCode(404);
        given().auth().oauth2(admin).when().delete("/api/v1/tenants/" + shop.id() + "/api-keys/" + otherKey)
                .then().statusCode(404);
        given().auth().oauth2(admin).when().delete("/api/v1/tenants/" + other.id() + "/api-keys/" + otherKey)
                .then().statusCode(404);
        assertEquals(null, sql.single("SELECT revoked_at FROM api_keys WHERE id = ?", otherKey));
        given().auth().oauth2(admin).when().get("/api/v1/tenants/" + shop.id() + "/api-keys")
                .then().statusCode(200).body("items.id", not(hasItem(otherKey)));

        // an integration token of this shop is not an admin anywhere
        Response created = create(admin, shop.id(), Map.of("name", "Mine"));
        String key = created.path("key");
        String integration = exchange(created.path("id"), key).path("access_token");
        given().auth().oauth2(integration).when().get("/api/v1/tenants/" + other.id() + "/api-keys")
                .then().statusCode(403);
        given().auth().oauth2(integration).when().get("/api/v1/tenants/" + shop.id() + "/api-keys")
                .then().statusCode(403);
    }

    @Test
    void badRequestsAreProblemsAndCustomersCannotManageKeys() {
        create(admin, shop.id(), Map.of("name", " ")).then().statusCode(400).body("errors.field", hasItem("name"));
        create(admin, shop.id(), Map.of("name", "x".repeat(101))).then().statusCode(400);
        create(admin, shop.id(), Map.of("name", "Past", "expiresAt", "2020-01-01T00:00:00Z")).then().statusCode(400)
                .body("errors.field", hasItem("expiresAt"));
        create(admin, shop.id(), Map.of("name", "Bad date", "expiresAt", "tomorrow")).then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).contentType("application/json").body("{\"name\":")
                .when().post("/api/v1/tenants/" + shop.id() + "/api-keys").then().statusCode(400);
        create(admin, "not-a-uuid", Map.of("name", "x")).then().statusCode(404);
        given().auth().oauth2(admin).when().delete("/api/v1/tenants/" + shop.id() + "/api-keys/'; DROP TABLE x--")
                .then().statusCode(404);
        String customer = TestTokens.user("00000000-0000-7000-8000-000000000001", shop.id(), "customer");
        create(customer, shop.id(), Map.of("name", "x")).then().statusCode(401); // no kid: not one of identity's tokens
        given().when().get("/api/v1/tenants/" + shop.id() + "/api-keys").then().statusCode(401);
        given().auth().oauth2(admin).when().get("/api/v1/tenants/" + shop.id() + "/api-keys")
                .then().statusCode(200).body("items", hasSize(0)).body("items", everyItem(not(nullValue())));
    }

    private static Response create(String token, String tenantId, Map<String, String> body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/api/v1/tenants/" + tenantId + "/api-keys");
    }

    private static Response exchange(String id, String secret) {
        return given().formParam("grant_type", "client_credentials").formParam("client_id", id)
                .formParam("client_secret", secret).when().post("/api/v1/auth/token");
    }
}
