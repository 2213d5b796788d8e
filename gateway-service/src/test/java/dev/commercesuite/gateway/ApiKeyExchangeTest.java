package dev.commercesuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.commercesuite.defaults.testing.MovableClock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * API keys at the edge: a key is exchanged at identity's token endpoint (the identity stub) once for many requests
 * and forwarded as the JWT identity gave for it, so the service never sees the key; concurrent first requests share
 * one exchange; a key identity refuses is a 401 problem, refused again from memory for a while; identity unreachable
 * is a 503 with {@code Retry-After} that is not remembered.
 */
@QuarkusTest
class ApiKeyExchangeTest {

    private static final String TOKEN = "/api/v1/auth/token";
    private static final String PRODUCTS = "/api/v1/products";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    MovableClock clock;

    private WireMock identity;
    private WireMock order;
    private RsaJsonWebKey signing;

    @BeforeEach
    void stubs() {
        clock.advance(Duration.ofSeconds(31));
        identity = UpstreamStub.client(UpstreamStub.IDENTITY);
        order = UpstreamStub.client(UpstreamStub.ORDER);
        for (WireMock stub : List.of(identity, order)) {
            stub.resetMappings();
            stub.resetRequests();
        }
        order.register(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        signing = EdgeTokens.key("k-" + UUID.randomUUID());
        identity.register(get(urlEqualTo("/.well-known/jwks.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/jwk-set+json").withBody(EdgeTokens.jwks(signing))));
    }

    @Test
    void aKeyIsExchangedOnceAndForwardedAsItsJwtNeverAsTheKey() {
        String keyId = keyId();
        String apiKey = apiKey(keyId);
        String jwt = EdgeTokens.token(signing, clock, "api-key:" + keyId);
        issue(keyId, jwt, 900, 0);

        for (int i = 0; i < 5; i++) {
            given().header("Authorization", "Bearer " + apiKey).when().get(PRODUCTS).then().statusCode(200);
        }

        List<LoggedRequest> exchanges = identity.find(postRequestedFor(urlEqualTo(TOKEN)));
        assertEquals(1, exchanges.size());
        String form = exchanges.get(0).getBodyAsString();
        assertEquals("grant_type=client_credentials&client_id=" + keyId + "&client_secret="
                + apiKey.substring(("cs_live_" + keyId + "_").length()), form);
        assertEquals("application/x-www-form-urlencoded", exchanges.get(0).getHeader("Content-Type"));
        List<LoggedRequest> forwarded = order.find(anyRequestedFor(anyUrl()));
        assertEquals(5, forwarded.size());
        for (LoggedRequest request : forwarded) {
            assertEquals("Bearer " + jwt, request.getHeader("Authorization"));
            assertEquals("api-key:" + keyId, request.getHeader(SubjectProbe.HEADER));
            assertFalse(request.getHeaders().all().toString().contains(apiKey), "the key itself reached the service");
        }
    }

    @Test
    void concurrentFirstRequestsWithOneKeyShareOneExchange() throws Exception {
        String keyId = keyId();
        String apiKey = apiKey(keyId);
        issue(keyId, EdgeTokens.token(signing, clock, "api-key:" + keyId), 900, 300);

        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> given().header("Authorization", "Bearer " + apiKey)
                        .when().get(PRODUCTS).statusCode(), clients));
            }
            for (CompletableFuture<Integer> answer : answers) {
                assertEquals(200, answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }

        assertEquals(1, identity.find(postRequestedFor(urlEqualTo(TOKEN))).size());
        assertEquals(8, order.find(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void aTokenAboutToExpireIsNotKept() {
        String keyId = keyId();
        String apiKey = apiKey(keyId);
        issue(keyId, EdgeTokens.token(signing, clock, "api-key:" + keyId), 60, 0);

        given().header("Authorization", "Bearer " + apiKey).when().get(PRODUCTS).then().statusCode(200);
        given().header("Authorization", "Bearer " + apiKey).when().get(PRODUCTS).then().statusCode(200);

        assertEquals(2, identity.find(postRequestedFor(urlEqualTo(TOKEN))).size(),
                "a token kept until a minute before its expiry is, at 60 s, not kept at all");
    }

    @Test
    void aKeptTokenIsRenewedAMinuteBeforeItExpires() {
        String keyId = keyId();
        String apiKey = apiKey(keyId);
        issue(keyId, EdgeTokens.token(signing, clock, "api-key:" + keyId), 900, 0);
        given().header("Authorization", "Bearer " + apiKey).when().get(PRODUCTS).then().statusCode(200);

        clock.advance(Duration.ofSeconds(830));
        given().header("Authorization", "Bearer " + apiKey).when().get(PRODUCTS).then().statusCode(200);
        assertEquals(1, identity.find(postRequestedFor(urlEqualTo(TOKEN))).size());

        clock.advance(Duration.ofSeconds(15));
        issue(keyId, EdgeTokens.token(signing, clock, "api-key:" + keyId), 900, 0);
        given().header("Authorization", "Bearer " + apiKey).when().get(PRODUCTS).then().statusCode(200);
        assertEquals(2, identity.find(postRequestedFor(urlEqualTo(TOKEN))).size());
    }

    @Test
    void aKeyIdentityRefusesIsA401AndIsRefusedFromMemoryForAWhile() {
        String keyId = keyId();
        String apiKey = apiKey(keyId);
        identity.register(post(urlEqualTo(TOKEN)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"client authentication failed\"}")));

        for (int i = 0; i < 3; i++) {
            given().header("Authorization", "Bearer " + apiKey).when().get(PRODUCTS)
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .body("type", equalTo("https://commercesuite.dev/problems/invalid-token"));
        }
        assertEquals(1, identity.find(postRequestedFor(urlEqualTo(TOKEN))).size());

        clock.advance(Duration.ofSeconds(31));
        given().header("Authorization", "Bearer " + apiKey).when().get(PRODUCTS).then().statusCode(401);
        assertEquals(2, identity.find(postRequestedFor(urlEqualTo(TOKEN))).size());
        assertEquals(0, order.find(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void aMalformedKeyIsRefusedWithoutAskingIdentity() {
        for (String malformed : List.of("cs_live_", "cs_live_nope", "cs_live_" + keyId() + "_short",
                apiKey(keyId()) + "x", "cs_live_" + keyId() + "_" + "!".repeat(46))) {
            given().header("Authorization", "Bearer " + malformed).when().get(PRODUCTS).then().statusCode(401);
        }

        assertEquals(0, identity.find(postRequestedFor(urlEqualTo(TOKEN))).size());
        assertEquals(0, order.find(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void identityUnreachableDuringTheExchangeIsA503AndIsNotRemembered() {
        String keyId = keyId();
        String apiKey = apiKey(keyId);
        identity.register(post(urlEqualTo(TOKEN)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        given().header("Authorization", "Bearer " + apiKey).when().get(PRODUCTS)
                .then().statusCode(503).header("Retry-After", "5")
                .body("type", equalTo("https://commercesuite.dev/problems/upstream-unavailable"));
        identity.register(post(urlEqualTo(TOKEN)).willReturn(aResponse().withStatus(502)));
        given().header("Authorization", "Bearer " + apiKey).when().get(PRODUCTS).then().statusCode(503);

        issue(keyId, EdgeTokens.token(signing, clock, "api-key:" + keyId), 900, 0);
        given().header("Authorization", "Bearer " + apiKey).when().get(PRODUCTS).then().statusCode(200);
        assertEquals(3, identity.find(postRequestedFor(urlEqualTo(TOKEN))).size());
        assertEquals(1, order.find(anyRequestedFor(anyUrl())).size());
    }

    /** identity's token endpoint answering for {@code keyId} with {@code jwt}, after {@code delayMillis}. */
    private void issue(String keyId, String jwt, long expiresIn, int delayMillis) {
        identity.register(post(urlEqualTo(TOKEN)).withRequestBody(containing("client_id=" + keyId))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withHeader("Cache-Control", "no-store").withFixedDelay(delayMillis)
                        .withBody("{\"access_token\":\"" + jwt + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                                + expiresIn + "}")));
    }

    private static String keyId() {
        return "ak" + random("0123456789abcdefghijklmnopqrstuvwxyz", 14);
    }

    /** A key of identity's shape: {@code cs_live_<id>_<46 base62 characters>}. */
    private static String apiKey(String keyId) {
        return "cs_live_" + keyId + "_" + random(BASE62, 46);
    }

    private static String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
