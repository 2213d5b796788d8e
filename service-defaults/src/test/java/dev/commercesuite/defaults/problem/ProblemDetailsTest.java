package dev.commercesuite.defaults.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class ProblemDetailsTest {

    private static final String VALID_ORDER = """
            {"email":"ada@example.com","name":"Ada","lines":[{"sku":"A-1","quantity":2}]}""";

    @Test
    void validRequestPassesThrough() {
        given().contentType("application/json").body(VALID_ORDER)
                .when().post("/probe/orders")
                .then().statusCode(200).body("email", equalTo("ada@example.com"));
    }

    @Test
    void invalidFieldsAreListedByTheirJsonNames() {
        String body = """
                {"email":"not-an-email","name":"","lines":[{"sku":"A-1","quantity":0}]}""";
        problem(given().contentType("application/json").body(body).when().post("/probe/orders"),
                400, "validation-failed")
                .body("detail", equalTo("The request has 3 invalid fields."))
                .body("errors.field", containsInAnyOrder("email", "name", "lines[0].quantity"))
                .body("errors.message", hasItems("must be a well-formed email address"));
    }

    @Test
    void invalidQueryParameterIsNamed() {
        problem(given().queryParam("limit", 500).when().get("/probe/items"), 400, "validation-failed")
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void malformedJsonIsA400WithoutParserInternals() {
        problem(given().contentType("application/json").body("{\"email\": \"ada@example.com\",")
                .when().post("/probe/orders"), 400, "malformed-json")
                .body("detail", startsWith("The request body is not valid JSON"))
                .body("detail", not(containsString("com.fasterxml")));
    }

    @Test
    void wrongTypeNamesTheField() {
        String body = """
                {"email":"ada@example.com","name":"Ada","lines":[{"sku":"A-1","quantity":"many"}]}""";
        problem(given().contentType("application/json").body(body).when().post("/probe/orders"),
                400, "validation-failed")
                .body("errors[0].field", equalTo("lines[0].quantity"))
                .body("errors[0].message", equalTo("must be a number"));
    }

    @Test
    void arrayInsteadOfObjectIsMalformed() {
        problem(given().contentType("application/json").body("[1,2,3]").when().post("/probe/orders"),
                400, "malformed-json");
    }

    @Test
    void emptyBodyIsRejected() {
        problem(given().contentType("application/json").when().post("/probe/orders"), 400, "validation-failed");
    }

    @Test
    void unknownRouteIsA404Problem() {
        problem(given().when().get("/no/such/route"), 404, "not-found")
                .body("instance", equalTo("/no/such/route"));
    }

    @Test
    void queryStringNeverAppearsInTheProblem() {
        problem(given().queryParam("token", "s3cr3t-token-value").when().get("/no/such/route"), 404, "not-found")
                .body(not(containsString("s3cr3t")));
    }

    @Test
    void wrongMethodIsA405ProblemWithAllow() {
        problem(given().contentType("application/json").body("{}").when().put("/probe/orders"),
                405, "method-not-allowed");
    }

    @Test
    void wrongContentTypeIsA415Problem() {
        problem(given().contentType("text/plain").body("hello").when().post("/probe/orders"),
                415, "unsupported-media-type");
    }

    @Test
    void bodyOverTheLimitIsA413Problem() {
        String huge = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        problem(given().contentType("application/json").body(huge).when().post("/probe/orders"),
                413, "payload-too-large");
    }

    @Test
    void chunkedBodyOverTheLimitIsA413Problem() {
        byte[] huge = ("{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        problem(given().contentType("application/json").body(new ByteArrayInputStream(huge))
                .when().post("/probe/orders"), 413, "payload-too-large");
    }

    @Test
    void unexpectedErrorShowsNoInternals() {
        problem(given().when().get("/probe/boom"), 500, "internal-error")
                .body(not(containsString("hunter2")))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("org.example")))
                .body("detail", containsString("request id"));
    }

    @Test
    void problemCarriesTheRequestIdOfTheResponse() {
        String header = given().header("X-Request-Id", "support-case-42")
                .when().get("/no/such/route")
                .then().statusCode(404)
                .body("requestId", equalTo("support-case-42"))
                .extract().header("X-Request-Id");
        org.junit.jupiter.api.Assertions.assertEquals("support-case-42", header);
    }

    @Test
    void validationProblemHasNoErrorsFieldWhenNotAboutFields() {
        problem(given().when().get("/no/such/route"), 404, "not-found").body("errors", nullValue());
    }

    private static ValidatableResponse problem(io.restassured.response.Response response, int status, String slug) {
        return response.then()
                .statusCode(status)
                .contentType("application/problem+json")
                .header("X-Request-Id", notNullValue())
                .body("type", equalTo(ProblemType.BASE_URI + slug))
                .body("title", notNullValue())
                .body("status", equalTo(status))
                .body("detail", notNullValue())
                .body("requestId", notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }
}
