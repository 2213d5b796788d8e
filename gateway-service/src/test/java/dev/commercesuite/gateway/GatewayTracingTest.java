package dev.commercesuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.commercesuite.defaults.testing.MovableClock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A W3C {@code traceparent} from the client is accepted at the edge and every call the gateway makes for the request
 * continues that trace: the forwarded call (as a child span of the gateway's, so a different parent id, and exactly
 * one {@code traceparent}) and the gateway's own calls to identity (its JWKS and the API-key exchange). A request
 * without one starts a trace that the service receives.
 */
@QuarkusTest
class GatewayTracingTest {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";
    private static final String INCOMING = "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01";

    @Inject
    MovableClock clock;

    private WireMock identity;
    private WireMock order;

    @BeforeEach
    void stubs() {
        clock.advance(Duration.ofSeconds(31)); // past the gateway's pause between JWKS fetches
        identity = UpstreamStub.client(UpstreamStub.IDENTITY);
        order = UpstreamStub.client(UpstreamStub.ORDER);
        for (WireMock stub : List.of(identity, order)) {
            stub.resetMappings();
            stub.resetRequests();
        }
        order.register(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}")));
    }

    @Test
    void theForwardedCallContinuesTheClientsTraceAsAChildOfTheGatewaysSpan() {
        given().header("traceparent", INCOMING).when().get("/api/v1/products").then().statusCode(200);

        LoggedRequest forwarded = order.find(getRequestedFor(urlEqualTo("/api/v1/products"))).get(0);
        assertEquals(1, forwarded.getHeaders().getHeader("traceparent").values().size(),
                "the client's traceparent was relayed beside the gateway's own");
        Matcher parent = parse(forwarded.getHeader("traceparent"));
        assertEquals(TRACE_ID, parent.group(1));
        assertNotEquals(CLIENT_SPAN, parent.group(2), "the service's parent is the gateway's span, not the client's");
    }

    @Test
    void aRequestWithoutATraceStartsOneThatTheServiceReceives() {
        given().when().get("/api/v1/products").then().statusCode(200);

        LoggedRequest forwarded = order.find(getRequestedFor(urlEqualTo("/api/v1/products"))).get(0);
        assertTrue(forwarded.containsHeader("traceparent"), "no trace reached the service");
        assertNotEquals("00000000000000000000000000000000", parse(forwarded.getHeader("traceparent")).group(1));
    }

    @Test
    void theGatewaysOwnCallsToIdentityAreInTheRequestsTrace() {
        RsaJsonWebKey signing = EdgeTokens.key("k-" + UUID.randomUUID());
        identity.register(get(urlEqualTo("/.well-known/jwks.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/jwk-set+json").withBody(EdgeTokens.jwks(signing))));
        String keyId = "ak" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        String apiKey = "cs_live_" + keyId + "_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3".substring(0, 46);
        String jwt = EdgeTokens.token(signing, clock, "api-key:" + keyId);
        identity.register(post(urlEqualTo("/api/v1/auth/token")).withRequestBody(containing("client_id=" + keyId))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + jwt + "\",\"token_type\":\"Bearer\",\"expires_in\":900}")));

        given().header("traceparent", INCOMING).header("Authorization", "Bearer " + apiKey)
                .when().get("/api/v1/products").then().statusCode(200);

        LoggedRequest exchange = identity.find(postRequestedFor(urlEqualTo("/api/v1/auth/token"))).get(0);
        assertEquals(TRACE_ID, parse(exchange.getHeader("traceparent")).group(1), "the API-key exchange");
        LoggedRequest keys = identity.find(getRequestedFor(urlEqualTo("/.well-known/jwks.json"))).get(0);
        assertEquals(TRACE_ID, parse(keys.getHeader("traceparent")).group(1), "the JWKS fetch");
        assertEquals(TRACE_ID, parse(order.find(anyRequestedFor(anyUrl())).get(0).getHeader("traceparent")).group(1));
    }

    private static Matcher parse(String traceparent) {
        assertTrue(traceparent != null, "no traceparent");
        Matcher matcher = TRACEPARENT.matcher(traceparent);
        assertTrue(matcher.matches(), traceparent);
        return matcher;
    }
}
