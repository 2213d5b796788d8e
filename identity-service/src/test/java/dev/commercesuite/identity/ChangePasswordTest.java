package dev.commercesuite.identity;

import static dev.commercesuite.identity.Shops.PASSWORD;
import static dev.commercesuite.identity.Shops.login;
import static dev.commercesuite.identity.Shops.refresh;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A signed-in user changes their password: current one again, policy, no reuse, other sessions signed out. */
@QuarkusTest
class ChangePasswordTest extends VerifiedShopTests {

    private static final String NEW_PASSWORD = "Bright-Meadow-Compass-77";

    @Test
    void changeKeepsThisSessionAndSignsOutTheOthers() throws Exception {
        Response other = login(shop.slug(), shop.admin(), PASSWORD);
        Response current = login(shop.slug(), shop.admin(), PASSWORD);

        change(current.path("accessToken"), PASSWORD, NEW_PASSWORD).then().statusCode(204);

        refresh(other.path("refreshToken")).then().statusCode(401);
        refresh(current.path("refreshToken")).then().statusCode(200);
        login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(401);
        login(shop.slug(), shop.admin(), NEW_PASSWORD).then().statusCode(200);
        emails.await(shop.admin(), "password-changed");
        assertEquals("1", sql.single("SELECT metadata->>'sessionsRevoked' FROM audit_events"
                + " WHERE tenant_id = ?::uuid AND action = 'password.changed'", shop.id()));
    }

    @Test
    void wrongCurrentPasswordWeakOrUnchangedNewPasswordAre400AndChangeNothing() throws Exception {
        String token = login(shop.slug(), shop.admin(), PASSWORD).path("accessToken");
        String hash = sql.single("SELECT password_hash FROM users WHERE email = ?", shop.admin());

        change(token, "Not-The-Password-123", NEW_PASSWORD).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("currentPassword"));
        change(token, PASSWORD, PASSWORD).then().statusCode(400).body("errors.field", hasItem("newPassword"));
        change(token, PASSWORD, "short").then().statusCode(400).body("errors.field", hasItem("newPassword"));
        given().auth().oauth2(token).contentType("application/json").body("{\"currentPassword\":")
                .when().post("/api/v1/users/me/password").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).contentType("application/json").body(Map.of("newPassword", NEW_PASSWORD))
                .when().post("/api/v1/users/me/password").then().statusCode(400)
                .body("errors.field", hasItem("currentPassword"));

        assertEquals(hash, sql.single("SELECT password_hash FROM users WHERE email = ?", shop.admin()));
        assertEquals(1, sql.count("SELECT count(*) FROM audit_events WHERE tenant_id = ?::uuid"
                + " AND action = 'password.change-refused'", shop.id()));
    }

    @Test
    void wrongCurrentPasswordsCountTowardsTheLoginLockout() throws Exception {
        String token = login(shop.slug(), shop.admin(), PASSWORD).path("accessToken");
        for (int i = 0; i < 5; i++) {
            change(token, "Wrong-Guess-Number-" + i, NEW_PASSWORD).then().statusCode(400)
                    .body("errors.field", hasItem("currentPassword"));
        }
        assertEquals("5", sql.single("SELECT failed_logins FROM users WHERE email = ?", shop.admin()));
        emails.await(shop.admin(), "account-locked");
        // locked: neither the right current password nor a login gets through until the wait is over
        change(token, PASSWORD, NEW_PASSWORD).then().statusCode(400).body("errors.field", hasItem("currentPassword"));
        login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(401);
        assertEquals(1, sql.count("SELECT count(*) FROM audit_events WHERE tenant_id = ?::uuid"
                + " AND action = 'account.locked'", shop.id()));
    }

    @Test
    void withoutAValidTokenIs401() {
        given().contentType("application/json").body(Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD))
                .when().post("/api/v1/users/me/password").then().statusCode(401).contentType("application/problem+json");
    }

    private static Response change(String accessToken, String current, String next) {
        return given().auth().oauth2(accessToken).contentType("application/json")
                .body(Map.of("currentPassword", current, "newPassword", next))
                .when().post("/api/v1/users/me/password");
    }
}
