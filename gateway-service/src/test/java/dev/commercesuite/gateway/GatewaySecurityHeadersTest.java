package dev.commercesuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The security headers on every kind of answer over plain HTTP from an untrusted peer (the default profile trusts no
 * proxy): relayed service answers, the gateway's own problems, the 413 of a body limit and {@code /q/*}. No HSTS here,
 * even when the caller claims HTTPS in {@code X-Forwarded-Proto}; {@link GatewayForwardedHttpsTest} has the trusted
 * side.
 */
@QuarkusTest
class GatewaySecurityHeadersTest {

    private static final String JSON_CSP = "default-src 'none'; frame-ancestors 'none'";

    @BeforeEach
    void reset() {
        for (String name : List.of(UpstreamStub.IDENTITY, UpstreamStub.ORDER, UpstreamStub.NOTIFICATION)) {
            WireMock stub = UpstreamStub.client(name);
            stub.resetMappings();
            stub.resetRequests();
        }
    }

    @Test
    void aRelayedJsonAnswerGetsTheHeadersAndLosesTheServicesServerHeaders() {
        UpstreamStub.client(UpstreamStub.ORDER).register(get(urlEqualTo("/api/v1/products")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withHeader("Server", "Jetty(12)")
                .withHeader("X-Powered-By", "Quarkus").withHeader("Strict-Transport-Security", "max-age=1")
                .withBody("[]")));

        Response answer = given().header("X-Forwarded-Proto", "https").when().get("/api/v1/products");

        answer.then().statusCode(200);
        assertSecurityHeaders(answer);
        assertEquals(JSON_CSP, answer.header("Content-Security-Policy"));
        assertEquals("no-referrer", answer.header("Referrer-Policy"));
        assertNull(answer.header("Strict-Transport-Security"), "HSTS over plain HTTP from an untrusted peer");
    }

    @Test
    void aServicesHtmlPageKeepsItsOwnPoliciesAndGetsNoJsonPolicy() {
        WireMock identity = UpstreamStub.client(UpstreamStub.IDENTITY);
        String pageCsp = "default-src 'self'; form-action 'self'; frame-ancestors 'none'";
        identity.register(get(urlPathEqualTo("/reset-password")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html;charset=UTF-8").withHeader("Content-Security-Policy", pageCsp)
                .withHeader("Referrer-Policy", "same-origin").withBody("<html lang=\"en\">form</html>")));
        identity.register(get(urlPathEqualTo("/verify-email")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html;charset=UTF-8").withBody("<html lang=\"en\">done</html>")));

        Response page = given().when().get("/reset-password?token=abc");
        page.then().statusCode(200);
        assertSecurityHeaders(page);
        assertEquals(pageCsp, page.header("Content-Security-Policy"));
        assertEquals(1, page.headers().getValues("Content-Security-Policy").size());
        assertEquals("same-origin", page.header("Referrer-Policy"));

        Response plain = given().when().get("/verify-email?token=abc");
        plain.then().statusCode(200);
        assertSecurityHeaders(plain);
        assertNull(plain.header("Content-Security-Policy"), "the JSON policy would break a page");
    }

    @Test
    void theGatewaysOwnProblemsAndProbesCarryTheHeaders() {
        Response notFound = given().when().get("/api/v1/nothing-here");
        notFound.then().statusCode(404).contentType("application/problem+json");
        assertSecurityHeaders(notFound);
        assertEquals(JSON_CSP, notFound.header("Content-Security-Policy"));

        Response internal = given().when().get("/internal/v1/emails");
        internal.then().statusCode(404);
        assertSecurityHeaders(internal);

        Response live = given().when().get("/q/health/live");
        live.then().statusCode(200);
        assertSecurityHeaders(live);
        assertEquals(JSON_CSP, live.header("Content-Security-Policy"));
    }

    @Test
    void aBodyOverItsRoutesLimitIsRefusedWithTheHeaders() {
        Response tooLarge = given().contentType("application/json").body("{\"x\":\"" + "a".repeat(20_000) + "\"}")
                .when().post("/api/v1/auth/login");
        tooLarge.then().statusCode(413).contentType("application/problem+json");
        assertSecurityHeaders(tooLarge);
        assertEquals(JSON_CSP, tooLarge.header("Content-Security-Policy"));
    }

    private static void assertSecurityHeaders(Response answer) {
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
        assertEquals("DENY", answer.header("X-Frame-Options"));
        assertEquals(1, answer.headers().getValues("X-Frame-Options").size());
        org.hamcrest.MatcherAssert.assertThat(answer.header("Permissions-Policy"),
                org.hamcrest.Matchers.containsString("camera=()"));
        org.hamcrest.MatcherAssert.assertThat(answer.header("Referrer-Policy"), org.hamcrest.Matchers.notNullValue());
        assertNull(answer.header("Server"));
        assertNull(answer.header("X-Powered-By"));
        assertNull(answer.header("Strict-Transport-Security"));
    }
}
