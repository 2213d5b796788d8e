package dev.commercesuite.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The whole first-day journey through the HTTP API: a shop is created, its admin verifies with the token read from
 * the email the outbox sent, a customer signs up and verifies, logs in, reads their profile, refreshes twice, and
 * presenting the first refresh token again revokes the family.
 */
@QuarkusTest
class IdentityJourneyTest {

    private static final String PASSWORD = "Quiet-Harbor-Lantern-42";

    @Test
    void fromNewShopToRevokedFamily() throws Exception {
        WireMock notification = new WireMock("127.0.0.1", NotificationStub.port());
        notification.register(post(urlEqualTo("/internal/v1/emails")).willReturn(aResponse().withStatus(202)));
        String shop = "journey-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = "owner-" + shop + "@example.com";
        String customer = "customer-" + shop + "@example.com";

        given().contentType("application/json").body(Map.of("name", "Journey Shop", "slug", shop,
                "adminEmail", admin, "adminPassword", PASSWORD, "adminName", "Owner"))
                .when().post("/api/v1/tenants").then().statusCode(201);
        verify(notification, admin);

        given().contentType("application/json")
                .body(Map.of("tenant", shop, "email", customer, "password", PASSWORD, "name", "Customer"))
                .when().post("/api/v1/auth/signup").then().statusCode(202);
        verify(notification, customer);

        var login = given().contentType("application/json")
                .body(Map.of("tenant", shop, "email", customer, "password", PASSWORD))
                .when().post("/api/v1/auth/login").then().statusCode(200).extract();
        given().auth().oauth2(login.path("accessToken")).when().get("/api/v1/users/me")
                .then().statusCode(200).body("email", equalTo(customer)).body("role", equalTo("customer"));

        String first = login.path("refreshToken");
        String second = refresh(first).then().statusCode(200).extract().path("refreshToken");
        var third = refresh(second).then().statusCode(200).extract();
        given().auth().oauth2(third.path("accessToken")).when().get("/api/v1/users/me").then().statusCode(200);

        refresh(first).then().statusCode(401);
        refresh(third.path("refreshToken")).then().statusCode(401);
    }

    private static io.restassured.response.Response refresh(String token) {
        return given().contentType("application/json").body(Map.of("refreshToken", token))
                .when().post("/api/v1/auth/refresh");
    }

    private static void verify(WireMock notification, String email) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Awaitility.await("verification email to " + email).atMost(Duration.ofSeconds(20))
                .until(() -> token(notification, json, email) != null);
        given().contentType("application/json").body(Map.of("token", token(notification, json, email)))
                .when().post("/api/v1/auth/verify-email").then().statusCode(200);
    }

    private static String token(WireMock notification, ObjectMapper json, String email) throws Exception {
        for (var request : notification.find(postRequestedFor(urlEqualTo("/internal/v1/emails")))) {
            JsonNode body = json.readTree(request.getBodyAsString());
            if (email.equals(body.path("to").asText()) && "verify-email".equals(body.path("template").asText())) {
                return body.path("data").path("token").asText();
            }
        }
        return null;
    }
}
