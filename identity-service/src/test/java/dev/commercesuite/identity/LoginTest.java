package dev.commercesuite.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class LoginTest {

    private static final String PASSWORD = "Quiet-Harbor-Lantern-42";

    @Inject
    DataSource dataSource;

    private WireMock notification;
    private String shop;
    private String admin;
    private String tenantId;

    @BeforeEach
    void verifiedAdmin() throws Exception {
        notification = new WireMock("127.0.0.1", NotificationStub.port());
        notification.register(post(urlEqualTo("/internal/v1/emails")).willReturn(aResponse().withStatus(202)));
        shop = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        admin = "admin-" + shop + "@example.com";
        tenantId = given().contentType("application/json").body(Map.of("name", "Shop", "slug", shop,
                "adminEmail", admin, "adminPassword", PASSWORD, "adminName", "Admin"))
                .when().post("/api/v1/tenants").then().statusCode(201).extract().path("id");
    }

    @Test
    void verifiedAccountGetsAnAccessTokenWithTheSuitesClaims() throws Exception {
        verify(admin);
        String token = login(shop, admin, PASSWORD).then().statusCode(200)
                .body("tokenType", equalTo("Bearer")).body("expiresIn", equalTo(900))
                .extract().path("accessToken");
        Map<String, Object> claims = TestTokens.verifiedClaims(token);
        assertEquals(admin, claims.get("upn"));
        assertEquals(List.of("admin"), claims.get("groups"));
        assertEquals(tenantId, claims.get("tenant"));
        assertEquals("starter", claims.get("tier"));
        assertTrue(claims.get("jti") != null, "jti");
        assertEquals("login.success", lastAudit());
    }

    @Test
    void refreshRotatesAndReusingARotatedTokenRevokesTheFamily() throws Exception {
        verify(admin);
        String first = login(shop, admin, PASSWORD).then().statusCode(200).extract().path("refreshToken");
        String second = refresh(first).then().statusCode(200).extract().path("refreshToken");
        String third = refresh(second).then().statusCode(200)
                .body("tokenType", equalTo("Bearer")).extract().path("refreshToken");
        assertTrue(!first.equals(second) && !second.equals(third));

        // the first token was rotated: presenting it again revokes the family, so even the newest one dies
        refresh(first).then().statusCode(401)
                .body("type", equalTo("https://commercesuite.dev/problems/invalid-refresh-token"));
        refresh(third).then().statusCode(401);
        assertTrue(auditActions(admin).contains("refresh.reuse-detected"), auditActions(admin));
    }

    @Test
    void logoutRevokesTheSession() throws Exception {
        verify(admin);
        String token = login(shop, admin, PASSWORD).then().statusCode(200).extract().path("refreshToken");
        given().contentType("application/json").body(Map.of("refreshToken", token))
                .when().post("/api/v1/auth/logout").then().statusCode(204);
        refresh(token).then().statusCode(401);
        // logging out with nonsense answers the same
        given().contentType("application/json").body(Map.of("refreshToken", "nonsense"))
                .when().post("/api/v1/auth/logout").then().statusCode(204);
    }

    @Test
    void malformedRefreshTokensAre401() {
        refresh("short").then().statusCode(401);
        refresh("A".repeat(43)).then().statusCode(401);
    }

    @Test
    void everyCredentialFailureGetsTheSameAnswer() throws Exception {
        verify(admin);
        String wrongPassword = login(shop, admin, PASSWORD + "x").then().statusCode(401).extract().asString();
        String unknownUser = login(shop, "nobody-" + admin, PASSWORD).then().statusCode(401).extract().asString();
        String unknownShop = login("no-" + shop, admin, PASSWORD).then().statusCode(401).extract().asString();
        assertEquals(withoutRequestId(wrongPassword), withoutRequestId(unknownUser));
        assertEquals(withoutRequestId(wrongPassword), withoutRequestId(unknownShop));
    }

    @Test
    void unverifiedAccountIsToldOnlyAfterTheRightPassword() {
        login(shop, admin, PASSWORD + "x").then().statusCode(401);
        login(shop, admin, PASSWORD).then().statusCode(403)
                .body("type", equalTo("https://commercesuite.dev/problems/email-not-verified"));
    }

    @Test
    void fiveFailuresLockTheAccountEvenAgainstTheRightPasswordUntilTheWaitIsOver() throws Exception {
        verify(admin);
        for (int i = 0; i < 5; i++) {
            login(shop, admin, "Wrong-Password-" + i).then().statusCode(401);
        }
        Instant lockedUntil = Instant.parse(single("SELECT to_char(locked_until AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM users WHERE email = ?", admin));
        assertTrue(lockedUntil.isAfter(Instant.now().plusSeconds(50)) && lockedUntil.isBefore(Instant.now().plusSeconds(61)),
                "the first wait is one minute: " + lockedUntil);
        login(shop, admin, PASSWORD).then().statusCode(401);
        assertEquals("login.locked", lastAudit());
        // the owner is told once, when the lockout starts
        Awaitility.await("the account-locked email").atMost(Duration.ofSeconds(20))
                .until(() -> emails(admin, "account-locked") == 1);

        // the wait is over (moved into the past instead of sleeping): the right password works and clears the count
        execute("UPDATE users SET locked_until = now() - interval '1 second' WHERE email = ?", admin);
        login(shop, admin, PASSWORD).then().statusCode(200);
        assertEquals("0|", single("SELECT failed_logins || '|' || coalesce(locked_until::text, '') FROM users"
                + " WHERE email = ?", admin));
    }

    @Test
    void furtherFailuresDoubleTheWaitUpToFifteenMinutes() throws Exception {
        verify(admin);
        execute("UPDATE users SET failed_logins = 9, failure_window_start = now(), locked_until = NULL WHERE email = ?",
                admin);
        login(shop, admin, "Wrong-Password-x").then().statusCode(401); // the 10th failure: 1 min x 2^5, capped
        String minutes = single("SELECT round(extract(epoch FROM locked_until - now()) / 60)::text FROM users"
                + " WHERE email = ?", admin);
        assertEquals("15", minutes);
    }

    @Test
    void weakerOldHashIsUpgradedAtLogin() throws Exception {
        verify(admin);
        String weak = Password.hash(PASSWORD).addRandomSalt(16)
                .with(Argon2Function.getInstance(4096, 1, 1, 32, Argon2.ID)).getResult();
        execute("UPDATE users SET password_hash = '" + weak + "' WHERE email = ?", admin);
        login(shop, admin, PASSWORD).then().statusCode(200);
        assertTrue(single("SELECT password_hash FROM users WHERE email = ?", admin).startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
    }

    private void verify(String email) throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> token(email) != null);
        given().contentType("application/json").body(Map.of("token", token(email)))
                .when().post("/api/v1/auth/verify-email").then().statusCode(200);
    }

    private String token(String to) throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (var request : notification.find(postRequestedFor(urlEqualTo("/internal/v1/emails")))) {
            JsonNode body = json.readTree(request.getBodyAsString());
            if (to.equals(body.path("to").asText()) && "verify-email".equals(body.path("template").asText())) {
                return body.path("data").path("token").asText();
            }
        }
        return null;
    }

    private long emails(String to, String template) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long count = 0;
        for (var request : notification.find(postRequestedFor(urlEqualTo("/internal/v1/emails")))) {
            JsonNode body = json.readTree(request.getBodyAsString());
            if (to.equals(body.path("to").asText()) && template.equals(body.path("template").asText())) {
                count++;
            }
        }
        return count;
    }

    private static Response login(String tenant, String email, String password) {
        return given().contentType("application/json")
                .body(Map.of("tenant", tenant, "email", email, "password", password))
                .when().post("/api/v1/auth/login");
    }

    private static Response refresh(String token) {
        return given().contentType("application/json").body(Map.of("refreshToken", token))
                .when().post("/api/v1/auth/refresh");
    }

    private String auditActions(String email) throws Exception {
        return single("SELECT string_agg(action, ',' ORDER BY created_at) FROM audit_events WHERE actor IN"
                + " (SELECT id::text FROM users WHERE email = ?)", email);
    }

    private static String withoutRequestId(String body) {
        return body.replaceAll("\"requestId\":\"[^\"]*\"", "");
    }

    private String lastAudit() throws Exception {
        return single("SELECT action FROM audit_events WHERE tenant_id = ?::uuid ORDER BY created_at DESC LIMIT 1",
                tenantId);
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

    private void execute(String sql, String parameter) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, parameter);
            update.executeUpdate();
        }
    }
}
