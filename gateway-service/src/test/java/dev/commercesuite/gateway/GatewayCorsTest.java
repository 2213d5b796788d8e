package dev.commercesuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * CORS at the edge, with the test profile's allowlist ({@code http://localhost:3000}, {@code https://shop.example.com}):
 * preflights answered by the gateway and never forwarded, refused for unknown origins and for methods or headers off
 * the lists, the actual answers carrying the gateway's CORS headers in place of whatever a service sent.
 */
@QuarkusTest
class GatewayCorsTest {

    private static final String ALLOWED = "http://localhost:3000";
    private static final String UNKNOWN = "https://evil.example.net";

    private final List<WireMock> upstreams = List.of(UpstreamStub.client(UpstreamStub.IDENTITY),
            UpstreamStub.client(UpstreamStub.ORDER), UpstreamStub.client(UpstreamStub.NOTIFICATION));

    @BeforeEach
    void reset() {
        for (WireMock upstream : upstreams) {
            upstream.resetMappings();
            upstream.resetRequests();
            // a service that sends CORS headers of its own: the gateway must not let them through
            upstream.register(any(anyUrl()).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withHeader("Vary", "Accept-Encoding")
                    .withHeader("Access-Control-Allow-Origin", "*")
                    .withHeader("Access-Control-Allow-Methods", "GET, POST, TRACE")
                    .withHeader("Access-Control-Allow-Credentials", "false")
                    .withHeader("Access-Control-Expose-Headers", "X-Internal")
                    .withBody("{}")));
        }
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredByTheGatewayWithTheListsAndMaxAge() {
        Response answer = given().header("Origin", ALLOWED).header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "content-type, authorization, if-match, idempotency-key")
                .when().options("/api/v1/products/1");

        answer.then().statusCode(204)
                .header("Access-Control-Allow-Origin", ALLOWED)
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS")
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"))
                .header("Access-Control-Allow-Headers", containsString("X-Order-Token"))
                .header("Access-Control-Max-Age", "600")
                .header("Vary", containsString("Origin"))
                .header("Vary", containsString("Access-Control-Request-Method"))
                .header("X-Content-Type-Options", "nosniff");
        assertNothingForwarded();
    }

    @Test
    void aPreflightFromAnOriginOffTheListIsRefusedWithoutCorsHeaders() {
        Response answer = given().header("Origin", UNKNOWN).header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/orders");

        answer.then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/origin-not-allowed"))
                .body("detail", containsString(UNKNOWN))
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Credentials", nullValue())
                .header("Access-Control-Allow-Methods", nullValue());
        // a look-alike of an allowed origin is another origin
        given().header("Origin", "http://localhost:3000.evil.example.net")
                .header("Access-Control-Request-Method", "GET")
                .when().options("/api/v1/products").then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "null").header("Access-Control-Request-Method", "GET")
                .when().options("/api/v1/products").then().statusCode(403);
        assertNothingForwarded();
    }

    @Test
    void aPreflightAskingForAMethodOrHeaderOffTheListsIsRefused() {
        given().header("Origin", ALLOWED).header("Access-Control-Request-Method", "TRACE")
                .when().options("/api/v1/products")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("TRACE"))
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", ALLOWED).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, x-internal-admin")
                .when().options("/api/v1/products")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("x-internal-admin"))
                .header("Access-Control-Allow-Origin", nullValue());
        assertNothingForwarded();
    }

    @Test
    void anOptionsRequestThatIsNoPreflightStillReachesTheService() {
        given().header("Origin", ALLOWED).when().options("/api/v1/products").then().statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED);
        assertEquals(1, UpstreamStub.client(UpstreamStub.ORDER)
                .find(anyRequestedFor(urlEqualTo("/api/v1/products"))).size());
    }

    @Test
    void anAllowedOriginsRequestGetsTheGatewaysCorsHeadersInPlaceOfTheServices() {
        Response answer = given().header("Origin", "https://shop.example.com").when().get("/api/v1/products");

        answer.then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://shop.example.com")
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Allow-Methods", nullValue())
                .header("Access-Control-Expose-Headers", not(containsString("X-Internal")));
        List<String> exposed = List.of(answer.header("Access-Control-Expose-Headers").split(",\\s*"));
        for (String header : List.of("RateLimit", "RateLimit-Policy", "X-RateLimit-Limit", "X-RateLimit-Remaining",
                "X-RateLimit-Reset", "Retry-After", "X-Request-Id", "Location", "ETag", "Idempotent-Replayed")) {
            org.hamcrest.MatcherAssert.assertThat(exposed, hasItem(header));
        }
        assertEquals(1, answer.headers().getValues("Access-Control-Allow-Origin").size());
        org.hamcrest.MatcherAssert.assertThat(answer.headers().getValues("Vary"), hasItem("Origin"));
        org.hamcrest.MatcherAssert.assertThat(answer.headers().getValues("Vary"), hasItem("Accept-Encoding"));
        UpstreamStub.client(UpstreamStub.ORDER).verifyThat(1, getRequestedFor(urlEqualTo("/api/v1/products")));
    }

    @Test
    void aRequestFromAnUnknownOriginIsServedWithoutAnyCorsHeader() {
        given().header("Origin", UNKNOWN).when().get("/api/v1/products")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Credentials", nullValue())
                .header("Access-Control-Allow-Methods", nullValue())
                .header("Access-Control-Expose-Headers", nullValue());
        given().when().get("/api/v1/products").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void theGatewaysOwnProblemsCarryCorsHeadersForAnAllowedOrigin() {
        given().header("Origin", ALLOWED).when().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", ALLOWED)
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
        UpstreamStub.client(UpstreamStub.IDENTITY).register(get(urlEqualTo("/api/v1/users/me"))
                .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        given().header("Origin", ALLOWED).when().get("/api/v1/users/me")
                .then().statusCode(502).header("Access-Control-Allow-Origin", ALLOWED);
    }

    private void assertNothingForwarded() {
        for (WireMock upstream : upstreams) {
            assertEquals(0, upstream.find(anyRequestedFor(anyUrl())).size());
        }
    }
}
