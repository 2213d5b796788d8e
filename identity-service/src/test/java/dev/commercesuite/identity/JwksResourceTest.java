package dev.commercesuite.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The JWKS publishes the signing key's public half: a token from the token endpoint verifies with it alone. */
@QuarkusTest
class JwksResourceTest {

    @Test
    void tokensVerifyWithThePublishedKey() throws Exception {
        List<Map<String, String>> keys = given().when().get("/.well-known/jwks.json")
                .then().statusCode(200)
                .header("Cache-Control", "public, max-age=300")
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].use", equalTo("sig"))
                .extract().path("keys");
        assertEquals(1, keys.size());
        Map<String, String> jwk = keys.get(0);
        assertTrue(!jwk.containsKey("d") && !jwk.containsKey("p"), "a private part was published");

        String token = given().formParam("grant_type", "client_credentials")
                .formParam("client_id", TokenResourceTest.CLIENT).formParam("client_secret", TokenResourceTest.SECRET)
                .when().post("/api/v1/auth/token").then().statusCode(200).extract().path("access_token");
        String[] parts = token.split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"kid\":\"" + jwk.get("kid") + "\""), header);

        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("n"))),
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("e")))));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(publicKey);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(signature.verify(Base64.getUrlDecoder().decode(parts[2])), "the token does not verify with the JWKS");
    }
}
