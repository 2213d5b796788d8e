package dev.commercesuite.identity;

import static dev.commercesuite.identity.Shops.adminToken;
import static dev.commercesuite.identity.Shops.login;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.identity.Shops.Shop;
import io.quarkus.test.junit.QuarkusTest;

/** The audit log: written with each change, readable by the tenant's admins only, filtered and paginated. */
@QuarkusTest
class AuditEventsTest {

    private CapturedEmails emails;

    @BeforeEach
    void stub() {
        emails = CapturedEmails.accepting();
    }

    @Test
    void adminReadsTheShopsEventsFilteredAndPageByPage() throws Exception {
        Shop shop = Shops.create();
        String admin = adminToken(emails, shop);
        login(shop.slug(), shop.admin(), "Wrong-Password-1").then().statusCode(401);
        login(shop.slug(), shop.admin(), "Wrong-Password-2").then().statusCode(401);

        given().auth().oauth2(admin).when().get("/api/v1/audit-events")
                .then().statusCode(200)
                .body("items.action", hasItems("tenant.created", "email.verified", "login.success", "login.failure"));
        given().auth().oauth2(admin).queryParam("action", "login.failure").when().get("/api/v1/audit-events")
                .then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items.action", everyItem(equalTo("login.failure")))
                .body("items[0].metadata.reason", equalTo("wrong-password"));

        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var page = given().auth().oauth2(admin).queryParam("limit", 1).queryParam("cursor", cursor == null ? "" : cursor)
                    .when().get("/api/v1/audit-events").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        int all = given().auth().oauth2(admin).queryParam("limit", 100).when().get("/api/v1/audit-events")
                .then().extract().jsonPath().getList("items").size();
        assertEquals(all, ids.size());
        assertEquals(ids.size(), ids.stream().distinct().count());
    }

    @Test
    void anotherShopsAdminSeesNoneOfIt() throws Exception {
        Shop shopA = Shops.create();
        adminToken(emails, shopA);
        String adminB = adminToken(emails, Shops.create());
        List<String> actors = given().auth().oauth2(adminB).queryParam("limit", 100).when().get("/api/v1/audit-events")
                .then().statusCode(200).extract().jsonPath().getList("items.metadata.slug");
        assertTrue(actors.stream().noneMatch(shopA.slug()::equals), actors.toString());
    }

    @Test
    void badFiltersAre400AndNonAdminsAreRefused() throws Exception {
        String admin = adminToken(emails, Shops.create());
        given().auth().oauth2(admin).queryParam("from", "yesterday").when().get("/api/v1/audit-events")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(admin).queryParam("cursor", "nope").when().get("/api/v1/audit-events")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().when().get("/api/v1/audit-events").then().statusCode(401);
    }
}
