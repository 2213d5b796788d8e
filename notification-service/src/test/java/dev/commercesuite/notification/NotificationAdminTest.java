package dev.commercesuite.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** The admin view lists only the caller's tenant, by status, page by page. */
@QuarkusTest
class NotificationAdminTest {

    @Test
    void listsOnlyTheTenantsEmailsPageByPage() {
        String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = TestTokens.user("admin", tenant, "admin");
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> body = new HashMap<>(EmailSamples.request("welcome", EmailIntakeTest.unique("list")));
            body.put("tenantId", tenant);
            queued.add(EmailIntakeTest.post(UUID.randomUUID().toString(), body).statusCode(202).extract().path("id"));
        }
        // another tenant's email never appears
        EmailIntakeTest.post(UUID.randomUUID().toString(), EmailSamples.request("welcome", EmailIntakeTest.unique("other")))
                .statusCode(202);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var page = given().auth().oauth2(admin).queryParam("limit", 2)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .when().get("/api/v1/notifications")
                    .then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            assertTrue(page.getList("items").size() <= 2);
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(queued.reversed(), seen, "newest first, every email once");
    }

    @Test
    void filtersByStatus() {
        String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new HashMap<>(EmailSamples.request("welcome", EmailIntakeTest.unique("status")));
        body.put("tenantId", tenant);
        EmailIntakeTest.post(UUID.randomUUID().toString(), body).statusCode(202);
        given().auth().oauth2(TestTokens.user("admin", tenant, "admin")).queryParam("status", "dead")
                .when().get("/api/v1/notifications")
                .then().statusCode(200).body("items", hasSize(0)).body("nextCursor", nullValue());
    }

    @Test
    void badParametersAre400() {
        String admin = TestTokens.user("admin", "tenant-a", "admin");
        given().auth().oauth2(admin).queryParam("status", "lost").when().get("/api/v1/notifications")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().auth().oauth2(admin).queryParam("limit", 1000).when().get("/api/v1/notifications")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(admin).queryParam("limit", "ten").when().get("/api/v1/notifications")
                .then().statusCode(404); // JAX-RS: an unconvertible query parameter is "no such resource"
        given().auth().oauth2(admin).queryParam("cursor", "not-a-cursor").when().get("/api/v1/notifications")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void onlyAdminsGetIn() {
        given().auth().oauth2(TestTokens.user("c1", "tenant-a", "customer")).when().get("/api/v1/notifications")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.service("order-service")).when().get("/api/v1/notifications")
                .then().statusCode(403);
        given().when().get("/api/v1/notifications").then().statusCode(401);
    }

    @Test
    void unknownEmailRetryIs404() {
        given().auth().oauth2(TestTokens.user("admin", "tenant-a", "admin"))
                .when().post("/api/v1/notifications/" + UUID.randomUUID() + "/retry")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user("admin", "tenant-a", "admin"))
                .when().post("/api/v1/notifications/not-a-uuid/retry")
                .then().statusCode(404).body("status", not(equalTo(500)));
    }

    @Test
    void listedEmailsShowNoBodies() {
        String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new HashMap<>(EmailSamples.request("verify-email", EmailIntakeTest.unique("nobody")));
        body.put("tenantId", tenant);
        EmailIntakeTest.post(UUID.randomUUID().toString(), body).statusCode(202);
        given().auth().oauth2(TestTokens.user("admin", tenant, "admin")).when().get("/api/v1/notifications")
                .then().statusCode(200)
                .body("items.htmlBody", everyItem(nullValue()))
                .body(not(org.hamcrest.Matchers.containsString(EmailSamples.TOKEN)));
    }
}
