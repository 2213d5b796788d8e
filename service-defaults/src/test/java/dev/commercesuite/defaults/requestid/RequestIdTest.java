package dev.commercesuite.defaults.requestid;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RequestIdTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @ParameterizedTest
    @ValueSource(strings = {"abcdefgh", "req-2026.11_25-XYZ", "0123456789012345678901234567890123456789"})
    void wellFormedIdIsEchoed(String id) {
        given().header("X-Request-Id", id)
                .when().get("/q/health/live")
                .then().statusCode(200).header("X-Request-Id", equalTo(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "has space in it", "inject\\r\\nSet-Cookie:x", "<script>alert(1)</script>",
            "ünïcödé-request", "semi;colon;value"})
    void malformedIdIsReplacedByAFreshUuid(String id) {
        given().header("X-Request-Id", id)
                .when().get("/q/health/live")
                .then().statusCode(200)
                .header("X-Request-Id", matchesPattern(UUID))
                .header("X-Request-Id", not(equalTo(id)));
    }

    @Test
    void overlongIdIsReplaced() {
        String id = "a".repeat(129);
        given().header("X-Request-Id", id)
                .when().get("/q/health/live")
                .then().header("X-Request-Id", matchesPattern(UUID));
    }

    @Test
    void missingIdIsGeneratedFreshForEveryRequest() {
        String first = given().when().get("/q/health/live").then().header("X-Request-Id", matchesPattern(UUID))
                .extract().header("X-Request-Id");
        String second = given().when().get("/q/health/live").then().header("X-Request-Id", matchesPattern(UUID))
                .extract().header("X-Request-Id");
        assertNotEquals(first, second);
    }

    @Test
    void errorAnswersCarryTheIdToo() {
        given().header("X-Request-Id", "trace-me-please")
                .when().get("/nothing-here")
                .then().statusCode(404).header("X-Request-Id", equalTo("trace-me-please"));
    }
}
