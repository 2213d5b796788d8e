package dev.commercesuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The gateway routes the public API and the account pages to their service, and never /internal/**. */
@QuarkusTest
class GatewayRoutingTest {

    private WireMock upstream;

    @BeforeEach
    void reset() {
        upstream = new WireMock("127.0.0.1", UpstreamStub.port());
        upstream.resetMappings();
        upstream.resetRequests();
    }

    @Test
    void aPageRequestReachesItsServiceWithForwardingHeadersAndItsAnswerComesBackWhole() {
        upstream.register(get(urlPathMatching("/reset-password")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html;charset=UTF-8").withHeader("Referrer-Policy", "no-referrer")
                .withHeader("Set-Cookie", "__Host-csrf=abc; Path=/; Secure; HttpOnly; SameSite=Strict")
                .withBody("<html lang=\"en\">form</html>")));

        Response answer = given().header("X-Request-Id", "gateway-test-0001")
                .when().get("/reset-password?token=abc_DEF-123");

        answer.then().statusCode(200).header("Referrer-Policy", "no-referrer")
                .header("Set-Cookie", containsString("__Host-csrf=abc")).header("X-Request-Id", "gateway-test-0001")
                .body(containsString("form"));
        List<LoggedRequest> seen = upstream.find(getRequestedFor(urlEqualTo("/reset-password?token=abc_DEF-123")));
        assertEquals(1, seen.size());
        assertEquals("gateway-test-0001", seen.get(0).getHeader("X-Request-Id"));
        assertEquals("127.0.0.1", seen.get(0).getHeader("X-Forwarded-For"));
        assertEquals("http", seen.get(0).getHeader("X-Forwarded-Proto"));
    }

    @Test
    void aJsonBodyAndTheUpstreamsErrorPassThroughUnchanged() {
        String problem = "{\"type\":\"https://commercesuite.dev/problems/invalid-credentials\",\"status\":401}";
        upstream.register(post(urlEqualTo("/api/v1/auth/login")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json").withBody(problem)));
        String login = "{\"tenant\":\"shop\",\"email\":\"ada@example.com\",\"password\":\"x\"}";

        given().contentType("application/json").body(login).when().post("/api/v1/auth/login")
                .then().statusCode(401).contentType("application/problem+json").body(org.hamcrest.Matchers.equalTo(problem));
        upstream.verifyThat(1, postRequestedFor(urlEqualTo("/api/v1/auth/login")).withRequestBody(equalTo(login))
                .withHeader("Content-Type", containing("application/json")));
    }

    @Test
    void everyPublicPathGoesUpstreamAndInternalOnesNever() {
        upstream.register(any(anyUrl()).willReturn(aResponse().withStatus(204)));
        for (String path : List.of("/api/v1/tenants", "/api/v1/auth/token", "/api/v1/users/me", "/api/v1/audit-events",
                "/.well-known/jwks.json", "/forgot-password", "/verify-email?token=x", "/api/v1/products",
                "/api/v1/orders/1/status", "/orders/1?token=x", "/api/v1/webhooks/stripe", "/api/v1/notifications")) {
            given().when().get(path).then().statusCode(204);
        }
        for (String path : List.of("/internal/v1/emails", "/internal/v1/tenants/x/status", "/internal")) {
            given().when().get(path).then().statusCode(404).contentType("application/problem+json");
        }
        given().contentType("application/json").body("{}").when().post("/internal/v1/emails").then().statusCode(404);
        given().when().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        assertEquals(12, upstream.find(WireMock.anyRequestedFor(anyUrl())).size());
        assertEquals(0, upstream.find(WireMock.anyRequestedFor(urlPathMatching("/internal.*"))).size());
    }

    @Test
    void anUnreachableUpstreamIs502AndASlowOne504() {
        upstream.register(get(urlEqualTo("/api/v1/users/me"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        given().when().get("/api/v1/users/me").then().statusCode(502).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://commercesuite.dev/problems/bad-gateway"));

        upstream.register(get(urlEqualTo("/api/v1/products")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(3_000)));
        given().when().get("/api/v1/products").then().statusCode(504).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://commercesuite.dev/problems/gateway-timeout"));
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern containing(String value) {
        return WireMock.containing(value);
    }
}
