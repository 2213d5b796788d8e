package dev.commercesuite.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.TestTokens;
import dev.commercesuite.identity.Shops.Shop;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;

/** {@code /users/me} answers only to genuine, current tokens, and only with the caller's own tenant's data. */
@QuarkusTest
class UsersMeTest {

    private String email;
    private String tenantId;
    private String token;

    @BeforeEach
    void signedInAdmin() {
        CapturedEmails emails = CapturedEmails.accepting();
        Shop shop = Shops.create();
        email = shop.admin();
        tenantId = shop.id();
        token = Shops.adminToken(emails, shop);
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
