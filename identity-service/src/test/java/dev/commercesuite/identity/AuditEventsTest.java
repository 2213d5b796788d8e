package dev.commercesuite.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.junit.QuarkusTest;

/** The audit log: written with each change, readable by the tenant's admins only, filtered and paginated. */
@QuarkusTest
class AuditEventsTest {

    private static final String PASSWORD = "Quiet-Harbor-Lantern-42";

    private WireMock notification;

    @BeforeEach
    void stub() {
        notification = new WireMock("127.0.0.1", NotificationStub.port());
        notification.register(post(urlEqualTo("/internal/v1/emails")).willReturn(aResponse().withStatus(202)));
    }

    @Test
    void adminReadsTheShopsEventsFilteredAndPageByPage() throws Exception {
        String shop = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = adminToken(shop);
        login(shop, "owner-" + shop + "@example.com", "Wrong-Password-1").then().statusCode(401);
        login(shop, "owner-" + shop + "@example.com", "Wrong-Password-2").then().statusCode(401);

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
        String shopA = "audit-a-" + UUID.randomUUID().toString().substring(0, 8);
        String shopB = "audit-b-" + UUID.randomUUID().toString().substring(0, 8);
        adminToken(shopA);
        String adminB = adminToken(shopB);
        List<String> actors = given().auth().oauth2(adminB).queryParam("limit", 100).when().get("/api/v1/audit-events")
                .then().statusCode(200).extract().jsonPath().getList("items.metadata.slug");
        assertTrue(actors.stream().noneMatch(shopA::equals), actors.toString());
    }

    @Test
    void badFiltersAre400AndNonAdminsAreRefused() throws Exception {
        String shop = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = adminToken(shop);
        given().auth().oauth2(admin).queryParam("from", "yesterday").when().get("/api/v1/audit-events")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(admin).queryParam("cursor", "nope").when().get("/api/v1/audit-events")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().when().get("/api/v1/audit-events").then().statusCode(401);
    }

    private String adminToken(String shop) throws Exception {
        String email = "owner-" + shop + "@example.com";
        given().contentType("application/json").body(Map.of("name", "Audit Shop", "slug", shop,
                "adminEmail", email, "adminPassword", PASSWORD, "adminName", "Owner"))
                .when().post("/api/v1/tenants").then().statusCode(201);
        ObjectMapper json = new ObjectMapper();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> token(json, email) != null);
        given().contentType("application/json").body(Map.of("token", token(json, email)))
                .when().post("/api/v1/auth/verify-email").then().statusCode(200);
        return login(shop, email, PASSWORD).then().statusCode(200).extract().path("accessToken");
    }

    private String token(ObjectMapper json, String email) throws Exception {
        for (var request : notification.find(postRequestedFor(urlEqualTo("/internal/v1/emails")))) {
            JsonNode body = json.readTree(request.getBodyAsString());
            if (email.equals(body.path("to").asText()) && "verify-email".equals(body.path("template").asText())) {
                return body.path("data").path("token").asText();
            }
        }
        return null;
    }

    private static io.restassured.response.Response login(String shop, String email, String password) {
        return given().contentType("application/json")
                .body(Map.of("tenant", shop, "email", email, "password", password))
                .when().post("/api/v1/auth/login");
    }
}
