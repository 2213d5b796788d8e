package dev.commercesuite.defaults.validation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every JSON body of every service is read strictly: no repeated keys, no control characters in any string. */
@QuarkusTest
class StrictJsonTest {

    @Test
    void textWithTabsAndLineBreaksPasses() {
        given().contentType("application/json")
                .body("{\"text\":\"line one\\r\\nline\\ttwo \\u200f\\ud83d\\ude00\",\"tags\":[\"a\"],"
                        + "\"extra\":{\"k\":[\"v\"]},\"data\":{\"name\":\"Zoë\"}}")
                .when().post("/probe/notes")
                .then().statusCode(200).body("text", equalTo("line one\r\nline\ttwo \u200f\ud83d\ude00"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "NUL in a field|{\"text\":\"a\\u0000b\"}|text",
        "escape in a field|{\"text\":\"\\u001b[31m\"}|text",
        "DEL|{\"text\":\"\\u007f\"}|text",
        "C1 control|{\"text\":\"\\u0085\"}|text",
        "right-to-left override|{\"text\":\"invoice\\u202egnp.exe\"}|text",
        "lone high surrogate|{\"text\":\"\\ud800\"}|text",
        "lone low surrogate|{\"text\":\"x\\udc00y\"}|text",
        "NUL in a list|{\"tags\":[\"ok\",\"b\\u0000\"]}|tags[1]",
        "NUL in an untyped map|{\"extra\":{\"k\":[\"ok\",\"\\u0000\"]}}|extra.k[1]",
        "NUL in a map key|{\"extra\":{\"k\\u0000\":1}}|extra",
        "NUL in a JSON tree|{\"data\":{\"items\":[{\"name\":\"\\u0000\"}]}}|data.items[0].name",
        "NUL in a JSON tree's key|{\"data\":{\"n\\u0000\":\"x\"}}|data"})
    void controlCharacterIsRefusedByField(String name, String body, String field) {
        validationProblem(body)
                .body("errors[0].field", containsString(field))
                .body("errors[0].message", equalTo(Text.MESSAGE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "top level|{\"text\":\"a\",\"text\":\"b\"}|text",
        "different types|{\"text\":\"a\",\"text\":{}}|text",
        "nested in a tree|{\"data\":{\"x\":1,\"x\":2}}|data.x",
        "nested in a list|{\"data\":{\"items\":[{\"n\":1},{\"n\":1,\"n\":2}]}}|data.items[1].n"})
    void repeatedKeyIsRefusedByField(String name, String body, String field) {
        validationProblem(body)
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", equalTo("must appear only once in its object"));
    }

    @Test
    void objectWhereAOneFieldRecordExpectsItsValueIsA400() {
        given().contentType("application/json").body("{\"token\":{}}")
                .when().post("/probe/tokens")
                .then().statusCode(400).contentType("application/problem+json")
                .body(not(containsString("Exception")));
    }

    private static ValidatableResponse validationProblem(String body) {
        return given().contentType("application/json").body(body)
                .when().post("/probe/notes")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/validation-failed"))
                .body(not(containsString("Exception")));
    }
}
