package dev.commercesuite.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** During a key rotation the JWKS publishes the previous public key next to the current signing key. */
@QuarkusTest
@TestProfile(JwksRotationTest.WithPreviousKey.class)
class JwksRotationTest {

    public static class WithPreviousKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                TestKeys.Pair previous = TestKeys.write(Files.createTempDirectory("previous-jwt-"));
                return Map.of("identity.tokens.key-id", "identity-2",
                        "identity.tokens.previous-public-keys", "identity-1:" + previous.publicKey());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void currentAndPreviousKeysArePublished() {
        given().when().get("/.well-known/jwks.json")
                .then().statusCode(200)
                .body("keys.kid", contains("identity-2", "identity-1"));
    }
}
