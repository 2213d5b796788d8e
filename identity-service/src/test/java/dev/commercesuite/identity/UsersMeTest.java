package dev.commercesuite.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;

import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;

/** {@code /users/me} answers only to genuine, current tokens, and only with the caller's own tenant's data. */
@QuarkusTest
class UsersMeTest {

    private static final String PASSWORD = "Quiet-Harbor-Lantern-42";

    private String email;
    private String tenantId;
    private String token;

    @BeforeEach
    void signedInAdmin() throws Exception {
        WireMock notification = new WireMock("127.0.0.1", NotificationStub.port());
        notification.register(post(urlEqualTo("/internal/v1/emails")).willReturn(aResponse().withStatus(202)));
        String shop = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        email = "admin-" + shop + "@example.com";
        tenantId = given().contentType("application/json").body(Map.of("name", "Shop", "slug", shop,
                "adminEmail", email, "adminPassword", PASSWORD, "adminName", "Admin"))
                .when().post("/api/v1/tenants").then().statusCode(201).extract().path("id");
        ObjectMapper json = new ObjectMapper();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> notification
                .find(postRequestedFor(urlEqualTo("/internal/v1/emails"))).stream()
                .anyMatch(r -> r.getBodyAsString().contains(email)));
        String verification = null;
        for (var request : notification.find(postRequestedFor(urlEqualTo("/internal/v1/emails")))) {
            JsonNode body = json.readTree(request.getBodyAsString());
            if (email.equals(body.path("to").asText())) {
                verification = body.path("data").path("token").asText();
            }
        }
        given().contentType("application/json").body(Map.of("token", verification))
                .when().post("/api/v1/auth/verify-email").then().statusCode(200);
        token = given().contentType("application/json")
                .body(Map.of("tenant", shop, "email", email, "password", PASSWORD))
                .when().post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
    }

    @Test
    void returnsTheCallersProfileWithoutSecrets() {
        given().auth().oauth2(token).when().get("/api/v1/users/me")
                .then().statusCode(200)
                .body("email", equalTo(email))
                .body("tenantId", equalTo(tenantId))
                .body("role", equalTo("admin"))
                .body("emailVerified", equalTo(true))
                .body(not(containsString("argon2")));
    }

    @Test
    void aTokenOfAnotherTenantNeverReadsThisOne() {
        String sub = TestTokens.verifiedClaims(token).get("sub").toString();
        String crossTenant = sign(sub, UUID.randomUUID().toString(), TestTokens.ISSUER, "identity-1",
                Instant.now().plusSeconds(300));
        given().auth().oauth2(crossTenant).when().get("/api/v1/users/me").then().statusCode(404);
    }

    @Test
    void tamperedUnsignedExpiredForeignAndWrongKidTokensAre401() {
        String sub = TestTokens.verifiedClaims(token).get("sub").toString();
        String[] parts = token.split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"admin\"", "\"staff\"").getBytes(StandardCharsets.UTF_8));
        String tampered = parts[0] + "." + otherPayload + "." + parts[2];
        String unsigned = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        String expired = sign(sub, tenantId, TestTokens.ISSUER, "identity-1", Instant.now().minusSeconds(600));
        String wrongIssuer = sign(sub, tenantId, "https://evil.example", "identity-1", Instant.now().plusSeconds(300));
        String wrongKid = sign(sub, tenantId, TestTokens.ISSUER, "someone-else", Instant.now().plusSeconds(300));
        String foreignKey = TestTokens.forged(sub, "admin");
        for (String bad : new String[] {tampered, unsigned, expired, wrongIssuer, wrongKid, foreignKey, "garbage"}) {
            given().auth().oauth2(bad).when().get("/api/v1/users/me")
                    .then().statusCode(401).contentType("application/problem+json");
        }
        given().when().get("/api/v1/users/me").then().statusCode(401);
    }

    private static String sign(String sub, String tenant, String issuer, String kid, Instant expiresAt) {
        return Jwt.issuer(issuer).subject(sub).groups(Set.of("admin")).claim("tenant", tenant)
                .issuedAt(expiresAt.minusSeconds(900)).expiresAt(expiresAt)
                .jws().keyId(kid).sign(TestTokens.signingKey());
    }
}
