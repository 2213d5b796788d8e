package dev.commercesuite.identity;

import static dev.commercesuite.identity.Shops.PASSWORD;
import static dev.commercesuite.identity.Shops.login;
import static dev.commercesuite.identity.Shops.refresh;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A shop's admin grants and revokes staff; the role reaches the user's next token, and every change is audited. */
@QuarkusTest
class StaffRoleTest extends VerifiedShopTests {

    private static final String PROBLEMS = "https://commercesuite.dev/problems/";

    private String adminToken;
    private String adminId;

    @BeforeEach
    void admin() throws Exception {
        adminToken = login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(200).extract().path("accessToken");
        adminId = sql.single("SELECT id FROM users WHERE email = ?", shop.admin());
    }

    @Test
    void grantedStaffReachesTheNextLoginAndRefreshAndRevokingBringsCustomerBack() throws Exception {
        String email = "clerk-" + shop.slug() + "@example.com";
        String userId = verifiedCustomer(email);
        String refreshToken = login(shop.slug(), email, PASSWORD).then().statusCode(200).extract().path("refreshToken");

        grant(adminToken, shop.id(), userId).then().statusCode(200).contentType("application/json")
                .body("userId", equalTo(userId)).body("email", equalTo(email)).body("role", equalTo("staff"));
        assertEquals("staff", role(userId));
        grant(adminToken, shop.id(), userId).then().statusCode(200).body("role", equalTo("staff"));
        assertEquals(1, audits("staff.granted", userId), "granting twice is audited once");
        assertEquals(adminId, sql.single("SELECT actor FROM audit_events WHERE action = 'staff.granted'"
                + " AND metadata->>'user' = ?", userId));
        assertEquals("customer>staff", sql.single("SELECT (metadata->>'from') || '>' || (metadata->>'to')"
                + " FROM audit_events WHERE action = 'staff.granted' AND metadata->>'user' = ?", userId));

        assertEquals(List.of("staff"), groups(login(shop.slug(), email, PASSWORD)));
        // a session that started before the grant gets the role at its next refresh
        Response refreshed = refresh(refreshToken);
        assertEquals(List.of("staff"), groups(refreshed));
        refreshToken = refreshed.then().extract().path("refreshToken");

        revoke(adminToken, shop.id(), userId).then().statusCode(204);
        assertEquals("customer", role(userId));
        revoke(adminToken, shop.id(), userId).then().statusCode(204);
        assertEquals(1, audits("staff.revoked", userId), "revoking twice is audited once");
        assertEquals(adminId, sql.single("SELECT actor FROM audit_events WHERE action = 'staff.revoked'"
                + " AND metadata->>'user' = ?", userId));
        assertEquals(List.of("customer"), groups(refresh(refreshToken)));
        assertEquals(List.of("customer"), groups(login(shop.slug(), email, PASSWORD)));

        // the admin reads both changes in the shop's audit log
        given().auth().oauth2(adminToken).queryParam("action", "staff.granted").when().get("/api/v1/audit-events")
                .then().statusCode(200).body("items[0].actor", equalTo(adminId))
                .body("items[0].metadata.user", equalTo(userId));
    }

    @Test
    void anUnverifiedUserIsRefusedWithUserNotVerified() throws Exception {
        String email = "unverified-" + shop.slug() + "@example.com";
        Shops.signup(shop.slug(), email).then().statusCode(202);
        String userId = awaitUser(email);
        grant(adminToken, shop.id(), userId).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "user-not-verified")).body("status", equalTo(409));
        assertEquals("customer", role(userId));
        assertEquals(0, audits("staff.granted", userId));
    }

    @Test
    void theAdminCannotDemoteThemselvesNorAnotherAdmin() throws Exception {
        grant(adminToken, shop.id(), adminId).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "role-change-refused"));
        revoke(adminToken, shop.id(), adminId).then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "role-change-refused"));
        assertEquals("admin", role(adminId));

        String otherAdmin = verifiedCustomer("second-admin-" + shop.slug() + "@example.com");
        sql.execute("UPDATE users SET role = 'admin' WHERE id = ?::uuid", otherAdmin);
        grant(adminToken, shop.id(), otherAdmin).then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "role-change-refused"));
        revoke(adminToken, shop.id(), otherAdmin).then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "role-change-refused"));
        assertEquals("admin", role(otherAdmin));
        assertEquals(0, sql.count("SELECT count(*) FROM audit_events WHERE tenant_id = ?::uuid"
                + " AND action LIKE 'staff.%'", shop.id()));
    }

    @Test
    void anotherShopsAdminAndAnotherShopsUserAreNotFoundAndChangeNothing() throws Exception {
        String userId = verifiedCustomer("isolated-" + shop.slug() + "@example.com");
        Shops.Shop other = Shops.create();
        String otherAdminToken = Shops.adminToken(emails, other);
        // another shop's admin naming this shop, or naming their own shop with this shop's user
        grant(otherAdminToken, shop.id(), userId).then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "not-found"));
        revoke(otherAdminToken, shop.id(), userId).then().statusCode(404);
        grant(otherAdminToken, other.id(), userId).then().statusCode(404).contentType("application/problem+json");
        revoke(otherAdminToken, other.id(), userId).then().statusCode(404);
        // this shop's admin naming this shop with another shop's admin
        String otherAdminId = sql.single("SELECT id FROM users WHERE email = ?", other.admin());
        grant(adminToken, shop.id(), otherAdminId).then().statusCode(404);
        // unknown and malformed ids
        grant(adminToken, shop.id(), UUID.randomUUID().toString()).then().statusCode(404);
        grant(adminToken, shop.id(), "not-a-user").then().statusCode(404).contentType("application/problem+json");
        grant(adminToken, "not-a-shop", userId).then().statusCode(404);
        assertEquals("customer", role(userId));
        assertEquals("admin", role(otherAdminId));
        assertEquals(0, sql.count("SELECT count(*) FROM audit_events WHERE action LIKE 'staff.%'"
                + " AND metadata->>'user' IN (?, ?)", userId, otherAdminId));
    }

    @Test
    void onlyAnAdminMayGrantOrRevoke() throws Exception {
        String staffEmail = "staff-" + shop.slug() + "@example.com";
        String staffId = verifiedCustomer(staffEmail);
        String customerId = verifiedCustomer("customer-" + shop.slug() + "@example.com");
        grant(adminToken, shop.id(), staffId).then().statusCode(200);
        String staffToken = login(shop.slug(), staffEmail, PASSWORD).then().statusCode(200)
                .extract().path("accessToken");
        grant(staffToken, shop.id(), customerId).then().statusCode(403).contentType("application/problem+json");
        revoke(staffToken, shop.id(), staffId).then().statusCode(403);
        given().when().put(path(shop.id(), customerId)).then().statusCode(401).contentType("application/problem+json");
        given().when().delete(path(shop.id(), staffId)).then().statusCode(401);
        given().auth().oauth2(Shops.serviceToken()).when().put(path(shop.id(), customerId)).then().statusCode(403);
        assertEquals("customer", role(customerId));
        assertEquals("staff", role(staffId));
    }

    /** Signs a customer up through the API, verifies the address with the emailed link, answers the user's id. */
    private String verifiedCustomer(String email) throws Exception {
        Shops.signup(shop.slug(), email).then().statusCode(202);
        Shops.verify(emails, email);
        return awaitUser(email);
    }

    private String awaitUser(String email) throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> sql.count("SELECT count(*) FROM users WHERE email = ?", email) == 1);
        return sql.single("SELECT id FROM users WHERE email = ?", email);
    }

    private String role(String userId) throws Exception {
        return sql.single("SELECT role FROM users WHERE id = ?::uuid", userId);
    }

    private long audits(String action, String userId) throws Exception {
        return sql.count("SELECT count(*) FROM audit_events WHERE action = ? AND metadata->>'user' = ?", action, userId);
    }

    private static List<?> groups(Response tokens) {
        String accessToken = tokens.then().statusCode(200).extract().path("accessToken");
        return (List<?>) TestTokens.verifiedClaims(accessToken).get("groups");
    }

    private static Response grant(String token, String tenantId, String userId) {
        return given().auth().oauth2(token).when().put(path(tenantId, userId));
    }

    private static Response revoke(String token, String tenantId, String userId) {
        return given().auth().oauth2(token).when().delete(path(tenantId, userId));
    }

    private static String path(String tenantId, String userId) {
        return "/api/v1/tenants/" + tenantId + "/staff/" + userId;
    }
}
