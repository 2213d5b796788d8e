package dev.commercesuite.identity;

import static dev.commercesuite.identity.Shops.PASSWORD;
import static dev.commercesuite.identity.Shops.login;
import static dev.commercesuite.identity.Shops.refresh;
import static dev.commercesuite.identity.Shops.signup;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A suspended shop: its users cannot log in, refresh or sign up until it is reactivated. */
@QuarkusTest
class TenantSuspensionTest extends VerifiedShopTests {

    @Test
    void suspendedShopRefusesLoginRefreshAndSignupUntilReactivated() throws Exception {
        String refreshToken = login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(200)
                .extract().path("refreshToken");
        Response wrongPassword = login(shop.slug(), shop.admin(), "Wrong-Harbor-Lantern-42");

        setStatus(shop.id(), Map.of("status", "suspended", "reason", "unpaid invoice"))
                .then().statusCode(200).body("status", equalTo("suspended")).body("slug", equalTo(shop.slug()));
        assertEquals("suspended", sql.single("SELECT status FROM tenants WHERE id = ?::uuid", shop.id()));
        assertEquals("{\"from\": \"active\", \"reason\": \"unpaid invoice\"}", sql.single("SELECT metadata::text"
                + " FROM audit_events WHERE tenant_id = ?::uuid AND action = 'tenant.suspended'", shop.id()));

        // the right password gets the generic answer (nothing tells an attacker the password was right)
        Response refused = login(shop.slug(), shop.admin(), PASSWORD);
        assertEquals(401, refused.statusCode());
        assertEquals(withoutRequestId(wrongPassword.asString()), withoutRequestId(refused.asString()));
        assertEquals("1", sql.single("SELECT count(*) FROM audit_events WHERE tenant_id = ?::uuid"
                + " AND action = 'login.failure' AND metadata->>'reason' = 'tenant-suspended'", shop.id()));
        refresh(refreshToken).then().statusCode(401)
                .body("type", equalTo("https://commercesuite.dev/problems/invalid-refresh-token"));
        String customer = "ada-" + shop.slug() + "@example.com";
        signup(shop.slug(), customer).then().statusCode(202);
        // the deferred sign-up finds no active shop: nothing is created
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> sql.count("SELECT count(*) FROM audit_events"
                + " WHERE action = 'signup.unknown-tenant' AND metadata->>'tenant' = ?", shop.slug()) == 1);
        assertEquals(0, sql.count("SELECT count(*) FROM users WHERE email = ?", customer));
        // the right password during the suspension is no failure: only the earlier wrong one counts towards a lockout
        assertEquals("1", sql.single("SELECT failed_logins FROM users WHERE email = ?", shop.admin()));

        setStatus(shop.id(), Map.of("status", "active")).then().statusCode(200).body("status", equalTo("active"));
        assertEquals("service:order-service", sql.single("SELECT actor FROM audit_events WHERE tenant_id = ?::uuid"
                + " AND action = 'tenant.reactivated'", shop.id()));
        login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(200);
        signup(shop.slug(), customer).then().statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> sql.count("SELECT count(*) FROM users WHERE email = ?", customer) == 1);
    }

    @Test
    void settingTheSameStatusTwiceIsAuditedOnce() throws Exception {
        setStatus(shop.id(), Map.of("status", "suspended")).then().statusCode(200);
        setStatus(shop.id(), Map.of("status", "suspended")).then().statusCode(200);
        assertEquals(1, sql.count("SELECT count(*) FROM audit_events WHERE tenant_id = ?::uuid"
                + " AND action = 'tenant.suspended'", shop.id()));
        given().auth().oauth2(Shops.serviceToken()).when().get("/internal/v1/tenants/" + shop.id())
                .then().statusCode(200).body("status", equalTo("suspended")).body("tier", equalTo("starter"));
    }

    @Test
    void onlyServiceCallersMayChangeAStatus() throws Exception {
        String adminToken = login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(200)
                .extract().path("accessToken");
        given().auth().oauth2(adminToken).contentType("application/json").body(Map.of("status", "suspended"))
                .when().put("/internal/v1/tenants/" + shop.id() + "/status")
                .then().statusCode(403).contentType("application/problem+json");
        given().contentType("application/json").body(Map.of("status", "suspended"))
                .when().put("/internal/v1/tenants/" + shop.id() + "/status")
                .then().statusCode(401).contentType("application/problem+json");
        assertEquals("active", sql.single("SELECT status FROM tenants WHERE id = ?::uuid", shop.id()));
    }

    @Test
    void badStatusesUnknownShopsAndBadIdsAreProblemsNotServerErrors() throws Exception {
        setStatus(shop.id(), Map.of("status", "deleted")).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("status"));
        setStatus(shop.id(), Map.of("status", "suspended", "reason", "x".repeat(501))).then().statusCode(400)
                .body("errors.field", hasItem("reason"));
        given().auth().oauth2(Shops.serviceToken()).contentType("application/json").body("{\"status\":")
                .when().put("/internal/v1/tenants/" + shop.id() + "/status")
                .then().statusCode(400).contentType("application/problem+json");
        setStatus(UUID.randomUUID().toString(), Map.of("status", "suspended")).then().statusCode(404)
                .contentType("application/problem+json");
        setStatus("not-a-uuid' OR '1'='1", Map.of("status", "suspended")).then().statusCode(404)
                .contentType("application/problem+json");
        assertEquals("active", sql.single("SELECT status FROM tenants WHERE id = ?::uuid", shop.id()));
    }

    private static Response setStatus(String tenantId, Map<String, String> body) {
        return given().auth().oauth2(Shops.serviceToken()).contentType("application/json").body(body)
                .when().put("/internal/v1/tenants/" + tenantId + "/status");
    }

    private static String withoutRequestId(String body) {
        return body.replaceAll("\"requestId\":\"[^\"]*\"", "");
    }
}
