package dev.commercesuite.identity;

import static dev.commercesuite.identity.Shops.PASSWORD;
import static dev.commercesuite.identity.Shops.login;
import static dev.commercesuite.identity.Shops.refresh;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import dev.commercesuite.defaults.testing.MovableClock;
import dev.commercesuite.defaults.testing.TestTokens;
import dev.commercesuite.identity.Shops.Shop;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LoginTest {

    @Inject
    DataSource dataSource;

    @Inject
    MovableClock clock;

    private Sql sql;
    private CapturedEmails emails;
    private Shop shop;

    @BeforeEach
    void shop() {
        sql = new Sql(dataSource);
        emails = CapturedEmails.accepting();
        shop = Shops.create();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void verifiedAccountGetsAnAccessTokenWithTheSuitesClaims() throws Exception {
        Shops.verify(emails, shop.admin());
        String token = login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(200)
                .body("tokenType", equalTo("Bearer")).body("expiresIn", equalTo(900))
                .extract().path("accessToken");
        Map<String, Object> claims = TestTokens.verifiedClaims(token);
        assertEquals(shop.admin(), claims.get("upn"));
        assertEquals(List.of("admin"), claims.get("groups"));
        assertEquals(shop.id(), claims.get("tenant"));
        assertEquals("starter", claims.get("tier"));
        assertTrue(claims.get("jti") != null, "jti");
        assertEquals("login.success", lastAudit());
    }

    @Test
    void refreshRotatesAndReusingARotatedTokenRevokesTheFamily() throws Exception {
        Shops.verify(emails, shop.admin());
        String first = login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(200).extract().path("refreshToken");
        String second = refresh(first).then().statusCode(200).extract().path("refreshToken");
        String third = refresh(second).then().statusCode(200)
                .body("tokenType", equalTo("Bearer")).extract().path("refreshToken");
        assertTrue(!first.equals(second) && !second.equals(third));

        // the first token was rotated: presenting it again revokes the family, so even the newest one dies
        refresh(first).then().statusCode(401)
                .body("type", equalTo("https://commercesuite.dev/problems/invalid-refresh-token"));
        refresh(third).then().statusCode(401);
        assertTrue(auditActions(shop.admin()).contains("refresh.reuse-detected"), auditActions(shop.admin()));
    }

    @Test
    void logoutRevokesTheSession() throws Exception {
        Shops.verify(emails, shop.admin());
        String token = login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(200).extract().path("refreshToken");
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
        Shops.verify(emails, shop.admin());
        String slug = shop.slug();
        String admin = shop.admin();
        String wrongPassword = login(slug, admin, PASSWORD + "x").then().statusCode(401).extract().asString();
        String unknownUser = login(slug, "nobody-" + admin, PASSWORD).then().statusCode(401).extract().asString();
        String unknownShop = login("no-" + slug, admin, PASSWORD).then().statusCode(401).extract().asString();
        assertEquals(withoutRequestId(wrongPassword), withoutRequestId(unknownUser));
        assertEquals(withoutRequestId(wrongPassword), withoutRequestId(unknownShop));
    }

    @Test
    void unverifiedAccountIsToldOnlyAfterTheRightPassword() {
        login(shop.slug(), shop.admin(), PASSWORD + "x").then().statusCode(401);
        login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(403)
                .body("type", equalTo("https://commercesuite.dev/problems/email-not-verified"));
    }

    @Test
    void fiveFailuresLockTheAccountEvenAgainstTheRightPasswordUntilTheWaitIsOver() throws Exception {
        Shops.verify(emails, shop.admin());
        for (int i = 0; i < 5; i++) {
            login(shop.slug(), shop.admin(), "Wrong-Password-" + i).then().statusCode(401);
        }
        Instant lockedUntil = Instant.parse(sql.single("SELECT to_char(locked_until AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM users WHERE email = ?", shop.admin()));
        assertTrue(lockedUntil.isAfter(Instant.now().plusSeconds(50))
                && lockedUntil.isBefore(Instant.now().plusSeconds(61)), "the first wait is one minute: " + lockedUntil);
        login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(401);
        assertEquals("login.locked", lastAudit());
        // the owner is told once, when the lockout starts
        Awaitility.await("the account-locked email").atMost(Duration.ofSeconds(20))
                .until(() -> emails.all(shop.admin(), "account-locked").size() == 1);

        // the wait is over (the clock moved instead of sleeping): the right password works and clears the count
        clock.advance(Duration.ofSeconds(61));
        login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(200);
        assertEquals("0|", sql.single("SELECT failed_logins || '|' || coalesce(locked_until::text, '') FROM users"
                + " WHERE email = ?", shop.admin()));
    }

    @Test
    void furtherFailuresDoubleTheWaitUpToFifteenMinutes() throws Exception {
        Shops.verify(emails, shop.admin());
        sql.execute("UPDATE users SET failed_logins = 9, failure_window_start = now(), locked_until = NULL"
                + " WHERE email = ?", shop.admin());
        // the 10th failure: 1 min x 2^5, capped
        login(shop.slug(), shop.admin(), "Wrong-Password-x").then().statusCode(401);
        String minutes = sql.single("SELECT round(extract(epoch FROM locked_until - now()) / 60)::text FROM users"
                + " WHERE email = ?", shop.admin());
        assertEquals("15", minutes);
    }

    @Test
    void weakerOldHashIsUpgradedAtLogin() throws Exception {
        Shops.verify(emails, shop.admin());
        String weak = Password.hash(PASSWORD).addRandomSalt(16)
                .with(Argon2Function.getInstance(4096, 1, 1, 32, Argon2.ID)).getResult();
        sql.execute("UPDATE users SET password_hash = ? WHERE email = ?", weak, shop.admin());
        login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(200);
        assertTrue(sql.single("SELECT password_hash FROM users WHERE email = ?", shop.admin())
                .startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
    }

    private String auditActions(String email) throws Exception {
        return sql.single("SELECT string_agg(action, ',' ORDER BY created_at) FROM audit_events WHERE actor IN"
                + " (SELECT id::text FROM users WHERE email = ?)", email);
    }

    private static String withoutRequestId(String body) {
        return body.replaceAll("\"requestId\":\"[^\"]*\"", "");
    }

    private String lastAudit() throws Exception {
        return sql.single("SELECT action FROM audit_events WHERE tenant_id = ?::uuid ORDER BY created_at DESC LIMIT 1",
                shop.id());
    }
}
