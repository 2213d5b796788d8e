package dev.commercesuite.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
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

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Sign-up answers the same whatever the address, and verification works once. */
@QuarkusTest
class SignupTest {

    private static final String PASSWORD = "Quiet-Harbor-Lantern-42";

    @Inject
    DataSource dataSource;

    private WireMock notification;
    private String shop;

    @BeforeEach
    void shop() {
        notification = new WireMock("127.0.0.1", NotificationStub.port());
        notification.register(post(urlEqualTo("/internal/v1/emails")).willReturn(aResponse().withStatus(202)));
        shop = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/json").body(Map.of("name", "Shop", "slug", shop,
                "adminEmail", "admin-" + shop + "@example.com", "adminPassword", PASSWORD, "adminName", "Admin"))
                .when().post("/api/v1/tenants").then().statusCode(201);
    }

    @Test
    void newCustomerVerifiesOnceAndIsWelcomed() throws Exception {
        String email = "ada-" + shop + "@example.com";
        signup(shop, email).then().statusCode(202);
        String token = awaitEmail(email, "verify-email").path("data").path("token").asText();
        assertEquals("customer|unverified", userState(email));

        given().contentType("application/json").body(Map.of("token", token))
                .when().post("/api/v1/auth/verify-email")
                .then().statusCode(200).body("status", equalTo("verified"));
        assertEquals("customer|verified", userState(email));
        awaitEmail(email, "welcome");

        // single use
        given().contentType("application/json").body(Map.of("token", token))
                .when().post("/api/v1/auth/verify-email")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/invalid-or-expired-token"));
    }

    @Test
    void takenUnknownAndNewAddressesGetByteIdenticalAnswers() throws Exception {
        String taken = "taken-" + shop + "@example.com";
        signup(shop, taken).then().statusCode(202);
        Response again = signup(shop, taken);
        Response fresh = signup(shop, "fresh-" + shop + "@example.com");
        Response unknownShop = signup("no-such-shop-" + shop, "x-" + shop + "@example.com");
        for (Response response : List.of(again, fresh, unknownShop)) {
            assertEquals(202, response.statusCode());
            assertEquals(fresh.asString(), response.asString());
        }
        // the owner of the taken address is told, instead of a second account being made
        awaitEmail(taken, "account-exists");
        assertEquals("1", single("SELECT count(*)::text FROM users WHERE email = ?", taken));
    }

    @Test
    void resendVoidsTheOlderLinkAndAnswersTheSameForEveryAddress() throws Exception {
        String email = "resend-" + shop + "@example.com";
        signup(shop, email).then().statusCode(202);
        String first = awaitEmail(email, "verify-email").path("data").path("token").asText();

        Response resent = resend(shop, email);
        Response unknown = resend(shop, "nobody-" + shop + "@example.com");
        assertEquals(202, resent.statusCode());
        assertEquals(resent.asString(), unknown.asString());
        Awaitility.await("a second verification email").atMost(Duration.ofSeconds(20))
                .until(() -> tokens(email).size() == 2);
        String second = tokens(email).stream().filter(t -> !t.equals(first)).findFirst().orElseThrow();

        given().contentType("application/json").body(Map.of("token", first))
                .when().post("/api/v1/auth/verify-email").then().statusCode(400);
        given().contentType("application/json").body(Map.of("token", second))
                .when().post("/api/v1/auth/verify-email").then().statusCode(200);
    }

    @Test
    void malformedUnknownAndUsedTokensGetTheSameAnswer() {
        for (String token : List.of("short", "A".repeat(43), "../../etc/passwd" + "x".repeat(27))) {
            given().contentType("application/json").body(Map.of("token", token))
                    .when().post("/api/v1/auth/verify-email")
                    .then().statusCode(400)
                    .body("type", equalTo("https://commercesuite.dev/problems/invalid-or-expired-token"));
        }
    }

    @Test
    void weakPasswordsAndBadAddressesAre400() {
        given().contentType("application/json").body(Map.of("tenant", shop, "email", "ada@example.com",
                "password", "password", "name", "Ada"))
                .when().post("/api/v1/auth/signup")
                .then().statusCode(400).body("errors.field", hasItem("password"));
        given().contentType("application/json").body(Map.of("tenant", shop, "email", "Ada <ada@example.com>",
                "password", PASSWORD, "name", "Ada"))
                .when().post("/api/v1/auth/signup")
                .then().statusCode(400).body("errors.field", hasItem("email"));
    }

    private static Response signup(String tenant, String email) {
        return given().contentType("application/json")
                .body(Map.of("tenant", tenant, "email", email, "password", PASSWORD, "name", "Ada Lovelace"))
                .when().post("/api/v1/auth/signup");
    }

    private static Response resend(String tenant, String email) {
        return given().contentType("application/json").body(Map.of("tenant", tenant, "email", email))
                .when().post("/api/v1/auth/resend-verification");
    }

    private List<String> tokens(String to) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> tokens = new java.util.ArrayList<>();
        for (var request : notification.find(postRequestedFor(urlEqualTo("/internal/v1/emails")))) {
            JsonNode body = json.readTree(request.getBodyAsString());
            if (to.equals(body.path("to").asText()) && "verify-email".equals(body.path("template").asText())) {
                tokens.add(body.path("data").path("token").asText());
            }
        }
        return tokens;
    }

    private JsonNode awaitEmail(String to, String template) throws Exception {
        Awaitility.await(template + " to " + to).atMost(Duration.ofSeconds(20)).until(() -> find(to, template) != null);
        return find(to, template);
    }

    private JsonNode find(String to, String template) throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (var request : notification.find(postRequestedFor(urlEqualTo("/internal/v1/emails")))) {
            JsonNode body = json.readTree(request.getBodyAsString());
            if (to.equals(body.path("to").asText()) && template.equals(body.path("template").asText())) {
                return body;
            }
        }
        return null;
    }

    private String userState(String email) throws Exception {
        return single("SELECT role || '|' || CASE WHEN email_verified_at IS NULL THEN 'unverified' ELSE 'verified' END"
                + " FROM users WHERE email = ?", email);
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
}
