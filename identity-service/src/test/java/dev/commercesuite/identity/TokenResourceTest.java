package dev.commercesuite.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The client-credentials grant of RFC 6749 section 4.4, with the RFC's error bodies. */
@QuarkusTest
class TokenResourceTest {

    static final String CLIENT = "order-service";
    static final String SECRET = "order-service-test-secret-7Yq2Lk9Vx4Rb8Nw3";

    @Test
    void configuredClientGetsAShortLivedServiceToken() {
        String token = given().formParam("grant_type", "client_credentials").formParam("client_id", CLIENT)
                .formParam("client_secret", SECRET)
                .when().post("/api/v1/auth/token")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .extract().path("access_token");
        Map<String, Object> claims = TestTokens.verifiedClaims(token);
        assertEquals(CLIENT, claims.get("sub"));
        assertEquals(List.of("service"), claims.get("groups"));
        assertEquals(TestTokens.ISSUER, claims.get("iss"));
        long expiresIn = ((Number) claims.get("exp")).longValue() - Instant.now().getEpochSecond();
        assertTrue(expiresIn > 880 && expiresIn <= 900, "exp in " + expiresIn + " s");
    }

    @Test
    void httpBasicClientAuthenticationWorksToo() {
        given().auth().preemptive().basic(CLIENT, SECRET).formParam("grant_type", "client_credentials")
                .when().post("/api/v1/auth/token")
                .then().statusCode(200).body("token_type", equalTo("Bearer"));
    }

    @Test
    void wrongSecretAndUnknownClientGetTheSameAnswer() {
        String wrongSecret = oauthError(given().formParam("grant_type", "client_credentials")
                .formParam("client_id", CLIENT).formParam("client_secret", SECRET + "x"), 401, "invalid_client")
                .extract().asString();
        String unknownClient = oauthError(given().formParam("grant_type", "client_credentials")
                .formParam("client_id", "nobody").formParam("client_secret", SECRET), 401, "invalid_client")
                .extract().asString();
        assertEquals(wrongSecret, unknownClient);
    }

    @Test
    void otherGrantTypesAreUnsupported() {
        oauthError(given().formParam("grant_type", "password").formParam("client_id", CLIENT)
                .formParam("client_secret", SECRET), 400, "unsupported_grant_type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"grant_type", "client_id", "client_secret"})
    void missingParametersAreInvalidRequests(String missing) {
        var request = given();
        Map<String, String> form = Map.of("grant_type", "client_credentials", "client_id", CLIENT,
                "client_secret", SECRET);
        for (var entry : form.entrySet()) {
            if (!entry.getKey().equals(missing)) {
                request = request.formParam(entry.getKey(), entry.getValue());
            }
        }
        oauthError(request, 400, "invalid_request");
    }

    @Test
    void jsonBodyIsUnsupportedMediaType() {
        given().contentType("application/json").body("{\"grant_type\":\"client_credentials\"}")
                .when().post("/api/v1/auth/token")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void issuedTokenIsAcceptedByAServiceThatTrustsTheKey() {
        String token = given().formParam("grant_type", "client_credentials").formParam("client_id", CLIENT)
                .formParam("client_secret", SECRET).when().post("/api/v1/auth/token")
                .then().statusCode(200).extract().path("access_token");
        // the header names the signing key for verifiers picking it from the JWKS
        String header = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        assertTrue(header.contains("\"kid\":\"identity-1\""), header);
        assertTrue(header.contains("\"alg\":\"RS256\""), header);
    }

    private static ValidatableResponse oauthError(io.restassured.specification.RequestSpecification request,
            int status, String error) {
        return request.when().post("/api/v1/auth/token")
                .then().statusCode(status)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("error", equalTo(error));
    }
}
