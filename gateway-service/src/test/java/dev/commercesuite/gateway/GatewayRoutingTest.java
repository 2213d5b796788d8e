package dev.commercesuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

/**
 * The gateway routes the public API and the account pages to the service that owns them, and never /internal/**.
 * Each upstream is its own stub, so every route is checked against the one service that must get it and the two that
 * must not.
 */
@QuarkusTest
class GatewayRoutingTest {

    /** A path of every route in the gateway's table, with the service that owns it. */
    private static final Map<String, String> OWNER = routeTable();

    /** No Accept-Encoding from the client: RestAssured asks for gzip by default. */
    private static final RestAssuredConfig IDENTITY_ENCODING = RestAssured.config()
            .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());

    private final Map<String, WireMock> upstreams = new LinkedHashMap<>();

    @BeforeEach
    void reset() {
        for (String name : List.of(UpstreamStub.IDENTITY, UpstreamStub.ORDER, UpstreamStub.NOTIFICATION)) {
            WireMock stub = UpstreamStub.client(name);
            stub.resetMappings();
            stub.resetRequests();
            upstreams.put(name, stub);
        }
    }

    @Test
    void aPageRequestReachesItsServiceWithForwardingHeadersAndItsAnswerComesBackWhole() {
        WireMock identity = upstreams.get(UpstreamStub.IDENTITY);
        identity.register(get(urlPathMatching("/reset-password")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html;charset=UTF-8").withHeader("Referrer-Policy", "no-referrer")
                .withHeader("Set-Cookie", "__Host-csrf=abc; Path=/; Secure; HttpOnly; SameSite=Strict")
                .withBody("<html lang=\"en\">form</html>")));

        Response answer = given().header("X-Request-Id", "gateway-test-0001")
                .when().get("/reset-password?token=abc_DEF-123");

        answer.then().statusCode(200).header("Referrer-Policy", "no-referrer")
                .header("Set-Cookie", containsString("__Host-csrf=abc")).header("X-Request-Id", "gateway-test-0001")
                .body(containsString("form"));
        List<LoggedRequest> seen = identity.find(getRequestedFor(urlEqualTo("/reset-password?token=abc_DEF-123")));
        assertEquals(1, seen.size());
        assertEquals("gateway-test-0001", seen.get(0).getHeader("X-Request-Id"));
        assertEquals("127.0.0.1", seen.get(0).getHeader("X-Forwarded-For"));
        assertEquals("http", seen.get(0).getHeader("X-Forwarded-Proto"));
    }

    @Test
    void aJsonBodyAndTheUpstreamsErrorPassThroughUnchanged() {
        WireMock identity = upstreams.get(UpstreamStub.IDENTITY);
        String problem = "{\"type\":\"https://commercesuite.dev/problems/invalid-credentials\",\"status\":401}";
        identity.register(post(urlEqualTo("/api/v1/auth/login")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json").withBody(problem)));
        String login = "{\"tenant\":\"shop\",\"email\":\"ada@example.com\",\"password\":\"x\"}";

        given().contentType("application/json").body(login).when().post("/api/v1/auth/login")
                .then().statusCode(401).contentType("application/problem+json").body(org.hamcrest.Matchers.equalTo(problem));
        identity.verifyThat(1, postRequestedFor(urlEqualTo("/api/v1/auth/login")).withRequestBody(equalTo(login))
                .withHeader("Content-Type", WireMock.containing("application/json")));
    }

    @Test
    void everyPublicPathGoesToTheServiceThatOwnsItAndToNoOther() {
        upstreams.forEach((name, stub) -> stub.register(any(anyUrl())
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody(name))));

        OWNER.forEach((path, owner) -> {
            upstreams.values().forEach(WireMock::resetRequests);

            given().when().get(path).then().statusCode(200).body(org.hamcrest.Matchers.equalTo(owner));

            upstreams.forEach((name, stub) -> assertEquals(name.equals(owner) ? 1 : 0,
                    stub.find(getRequestedFor(urlEqualTo(path))).size(), path + " reached " + name));
        });
    }

    @Test
    void catalogWritesReachOrderServiceWithTheirPreconditionsAndTheirTagsAndLocationComeBack() {
        WireMock order = upstreams.get(UpstreamStub.ORDER);
        String patch = "{\"price\":990,\"stock\":null}";
        order.register(WireMock.patch(urlEqualTo("/api/v1/products/0190a6c4-0000-7000-8000-00000000b001"))
                .withHeader("If-Match", equalTo("\"3\"")).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withHeader("ETag", "\"4\"")
                        .withBody("{\"price\":990}")));
        // a service makes a created resource's URI absolute with the address it was called at: the gateway's client
        // must see its own (here: the path alone), never the service's internal address
        order.register(post(urlEqualTo("/api/v1/products")).willReturn(aResponse().withStatus(201)
                .withHeader("Location", "http://127.0.0.1:" + UpstreamStub.portOf(UpstreamStub.ORDER)
                        + "/api/v1/products/0190a6c4-0000-7000-8000-00000000b002")
                .withHeader("ETag", "\"0\"").withHeader("Content-Type", "application/json").withBody("{}")));

        // identity encoding: the stub's Jetty would gzip the answer and suffix its ETag ("4--gzip"); order-service
        // does not compress, so the tag travels as the service wrote it
        given().config(IDENTITY_ENCODING).contentType("application/merge-patch+json").header("If-Match", "\"3\"")
                .body(patch)
                .when().patch("/api/v1/products/0190a6c4-0000-7000-8000-00000000b001")
                .then().statusCode(200).header("ETag", "\"4\"").body("price", org.hamcrest.Matchers.equalTo(990));
        order.verifyThat(1, WireMock.patchRequestedFor(urlEqualTo("/api/v1/products/0190a6c4-0000-7000-8000-00000000b001"))
                .withRequestBody(equalTo(patch)).withHeader("If-Match", equalTo("\"3\""))
                .withHeader("Content-Type", WireMock.containing("application/merge-patch+json")));

        given().config(IDENTITY_ENCODING).contentType("application/json").body("{\"sku\":\"CUP-1\"}")
                .when().post("/api/v1/products")
                .then().statusCode(201).header("Location", "/api/v1/products/0190a6c4-0000-7000-8000-00000000b002")
                .header("ETag", "\"0\"");
    }

    @Test
    void internalAndUnknownPathsReachNoUpstream() {
        upstreams.values().forEach(stub -> stub.register(any(anyUrl()).willReturn(aResponse().withStatus(204))));

        for (String path : List.of("/internal/v1/emails", "/internal/v1/tenants/x/status", "/internal")) {
            given().when().get(path).then().statusCode(404).contentType("application/problem+json");
        }
        given().contentType("application/json").body("{}").when().post("/internal/v1/emails").then().statusCode(404);
        given().when().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");

        upstreams.forEach((name, stub) -> assertEquals(0, stub.find(anyRequestedFor(anyUrl())).size(), name));
    }

    @Test
    void aPathAServiceCouldReadDifferentlyIsRefusedAndReachesNoUpstream() {
        upstreams.values().forEach(stub -> stub.register(any(anyUrl()).willReturn(aResponse().withStatus(204))));

        for (String path : List.of("/api/v1/auth/login;x=1", "/api/v1/tenants;a", "/api/v1/orders/1/checkout%3B",
                "/api/v1/products/%2e%2e/auth/login")) {
            // 400 where a route's pattern matches the path, 404 where none does: either way no service sees it
            given().urlEncodingEnabled(false).contentType("application/json").body("{}").when().post(path)
                    .then().statusCode(org.hamcrest.Matchers.oneOf(400, 404)).contentType("application/problem+json");
        }

        given().urlEncodingEnabled(false).contentType("application/json").body("{}").when()
                .post("/api/v1/auth/login;x=1").then().statusCode(400);
        upstreams.forEach((name, stub) -> assertEquals(0, stub.find(anyRequestedFor(anyUrl())).size(), name));
    }

    @Test
    void anUnreachableUpstreamIs502AndASlowOne504() {
        upstreams.get(UpstreamStub.IDENTITY).register(get(urlEqualTo("/api/v1/users/me"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        given().when().get("/api/v1/users/me").then().statusCode(502).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://commercesuite.dev/problems/bad-gateway"));

        upstreams.get(UpstreamStub.ORDER).register(get(urlEqualTo("/api/v1/products")).willReturn(aResponse()
                .withStatus(200).withFixedDelay(3_000)));
        given().when().get("/api/v1/products").then().statusCode(504).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://commercesuite.dev/problems/gateway-timeout"));
    }

    private static Map<String, String> routeTable() {
        Map<String, String> owner = new LinkedHashMap<>();
        owner.put("/api/v1/tenants", UpstreamStub.IDENTITY);
        owner.put("/api/v1/tenants/shop/users", UpstreamStub.IDENTITY);
        owner.put("/api/v1/auth/token", UpstreamStub.IDENTITY);
        owner.put("/api/v1/users/me", UpstreamStub.IDENTITY);
        owner.put("/api/v1/audit-events", UpstreamStub.IDENTITY);
        owner.put("/.well-known/jwks.json", UpstreamStub.IDENTITY);
        owner.put("/forgot-password", UpstreamStub.IDENTITY);
        owner.put("/reset-password?token=x", UpstreamStub.IDENTITY);
        owner.put("/verify-email?token=x", UpstreamStub.IDENTITY);
        owner.put("/api/v1/products", UpstreamStub.ORDER);
        owner.put("/api/v1/products?tenant=analytical&active=true&limit=5", UpstreamStub.ORDER);
        owner.put("/api/v1/products/1", UpstreamStub.ORDER);
        owner.put("/api/v1/orders", UpstreamStub.ORDER);
        owner.put("/api/v1/orders/1", UpstreamStub.ORDER);
        owner.put("/api/v1/orders/audit-events", UpstreamStub.ORDER);
        owner.put("/api/v1/orders/1/status", UpstreamStub.ORDER);
        owner.put("/api/v1/orders/1/status?token=x", UpstreamStub.ORDER);
        owner.put("/api/v1/webhooks/stripe", UpstreamStub.ORDER);
        owner.put("/orders/1?token=x", UpstreamStub.ORDER);
        owner.put("/api/v1/notifications", UpstreamStub.NOTIFICATION);
        owner.put("/api/v1/notifications/1", UpstreamStub.NOTIFICATION);
        return Map.copyOf(owner);
    }
}
