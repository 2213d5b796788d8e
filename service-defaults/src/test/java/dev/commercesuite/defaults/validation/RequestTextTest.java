package dev.commercesuite.defaults.validation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.defaults.testing.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The path, query string and headers of every request are held to the same text rule as JSON bodies, and the
 * request line and headers have limits answered as problems.
 */
@QuarkusTest
class RequestTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "NUL in a query value|/probe/items?limit=%00|limit",
        "escape in a query value|/probe/items?tenant=a%1Bb|tenant",
        "overlong NUL|/probe/items?tenant=%C0%80|tenant",
        "lone surrogate encoded|/probe/items?tenant=%ED%A0%80|tenant",
        "invalid UTF-8|/probe/items?tenant=%FF|tenant",
        "right-to-left override|/probe/items?tenant=%E2%80%AEabc|tenant",
        "NUL in a query name|/probe/items?li%00mit=1|query",
        "NUL in a path id|/probe/items/abc%00|path",
        "broken escape in a path|/probe/it%C3ems|path",
        "encoded dot segment|/probe/%2e%2e/items|path",
        "encoded slash|/probe/items%2Fx|path",
        "raw dot segment|/probe/x/../items|path"})
    void controlCharacterOrBadEscapeIsRefusedByName(String name, String target, String field) {
        RawHttp.Answer answer = RawHttp.exchange(RestAssured.port, "GET " + target + " HTTP/1.1\r\nHost: x\r\n");
        assertEquals(400, answer.status(), answer.head());
        assertTrue(answer.header("Content-Type").startsWith("application/problem+json"), answer.head());
        assertTrue(answer.body().contains("\"field\":\"" + field + "\""), answer.body());
        assertTrue(answer.body().contains("validation-failed"), answer.body());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "NUL in a form field|name=a%00b|name",
        "escape in a form field|name=%1B|name",
        "broken escape in a form field|name=%zz|body",
        "DEL in a form field|name=%7F|name"})
    void formFieldsAreHeldToTheSameRule(String name, String form, String field) {
        given().urlEncodingEnabled(false).contentType("application/x-www-form-urlencoded").body(form)
                .when().post("/probe/forms")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void plainFormFieldsPass() {
        given().contentType("application/x-www-form-urlencoded").formParam("name", "Zoë\nline")
                .when().post("/probe/forms")
                .then().statusCode(200);
    }

    @Test
    void plainUnicodeInTheQueryPasses() {
        given().queryParam("limit", 5).queryParam("name", "Zoë 東京 😀").when().get("/probe/items")
                .then().statusCode(200);
    }

    @Test
    void controlCharacterInAHeaderIsRefusedByTheCodec() {
        // Netty's HTTP/1.1 codec refuses a header value with a control byte before any handler: a bare 400
        RawHttp.Answer answer = RawHttp.exchange(RestAssured.port,
                "GET /probe/items?limit=1 HTTP/1.1\r\nHost: x\r\nX-Shop: a\u0001b\r\n");
        assertEquals(400, answer.status(), answer.head());
    }

    @Test
    void controlCharacterInAHeaderIsNamedWhenItGetsPastTheCodec() {
        Problem.FieldError error = RequestTextFilter.headerError(Map.of("X-Shop", "a\u0000b").entrySet());
        assertEquals("X-Shop", error.field());
        assertNull(RequestTextFilter.headerError(Map.of("User-Agent", "Zo\u00c3\u00ab\tbrowser").entrySet()));
    }

    @Test
    void tabInAHeaderPasses() {
        given().header("X-Note", "a\tb").queryParam("limit", 1).when().get("/probe/items").then().statusCode(200);
    }

    @Test
    void requestLineOverTheLimitIsA414Problem() {
        RawHttp.Answer answer = RawHttp.exchange(RestAssured.port,
                "GET /probe/items?limit=1&pad=" + "x".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n");
        assertEquals(414, answer.status(), answer.head());
        assertTrue(answer.body().contains("\"type\":\"https://commercesuite.dev/problems/uri-too-long\""),
                answer.body());
    }

    @Test
    void headersOverTheLimitAreA431Problem() {
        RawHttp.Answer answer = RawHttp.exchange(RestAssured.port,
                "GET /probe/items?limit=1 HTTP/1.1\r\nHost: x\r\nX-Pad: " + "x".repeat(25 * 1024) + "\r\n");
        assertEquals(431, answer.status(), answer.head());
        assertTrue(answer.body().contains("headers-too-large"), answer.body());
    }

    @Test
    void overTheCodecCeilingTheStatusComesWithoutABody() {
        // past quarkus.http.limits.* Vert.x answers before any handler: the status, no problem body
        RawHttp.Answer line = RawHttp.exchange(RestAssured.port,
                "GET /probe/items?pad=" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n");
        assertEquals(414, line.status(), line.head());
        RawHttp.Answer headers = RawHttp.exchange(RestAssured.port,
                "GET /probe/items HTTP/1.1\r\nHost: x\r\nX-Pad: " + "x".repeat(70 * 1024) + "\r\n");
        assertEquals(431, headers.status(), headers.head());
    }

    @Test
    void requestIdStillComesWithARefusal() {
        given().header("X-Request-Id", "hostile-0001").queryParam("tenant", "a\u0000")
                .when().get("/probe/items")
                .then().statusCode(400).header("X-Request-Id", "hostile-0001")
                .body("requestId", equalTo("hostile-0001"));
    }
}
