package dev.commercesuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.commercesuite.defaults.testing.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Bearer JWTs checked at the edge against identity's JWKS (served by the identity stub): a valid token reaches the
 * service unchanged with its subject recorded ({@link SubjectProbe}); every kind of bad token is a 401 problem and the
 * service's stub sees nothing; the JWKS is fetched once for many tokens, again for an unknown {@code kid} but at most
 * once per 30 s, and identity going away leaves the cached keys working. Each test signs with keys of its own and
 * first moves the clock past the 30 s between fetches, so no test depends on another's fetches.
 */
@QuarkusTest
class EdgeAuthenticationTest {

    private static final String JWKS = "/.well-known/jwks.json";
    private static final String ORDERS = "/api/v1/orders";

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
                .withHeader("Content-Type", "application/json").withBody("{\"orders\":[]}")));
        signing = EdgeTokens.key("k-" + UUID.randomUUID());
        serveJwks(signing);
    }

    @Test
    void aValidTokenReachesTheServiceUnchangedWithItsSubjectRecorded() {
        String token = EdgeTokens.token(signing, clock, "user-ada");

        given().header("Authorization", "Bearer " + token).header(SubjectProbe.HEADER, "someone-else")
                .when().get(ORDERS).then().statusCode(200).body(containsString("orders"));

        List<LoggedRequest> seen = order.find(getRequestedFor(urlEqualTo(ORDERS)));
        assertEquals(1, seen.size());
        assertEquals("Bearer " + token, seen.get(0).getHeader("Authorization"));
        assertEquals("user-ada", seen.get(0).getHeader(SubjectProbe.HEADER));
    }

    @Test
    void aRequestWithoutATokenOrWithAnotherSchemePassesUntouched() {
        given().when().get(ORDERS).then().statusCode(200);
        given().header("Authorization", "Basic b3JkZXItc2VydmljZTpzZWNyZXQ=").when().get(ORDERS).then().statusCode(200);

        List<LoggedRequest> seen = order.find(getRequestedFor(urlEqualTo(ORDERS)));
        assertEquals(2, seen.size());
        assertNull(seen.get(0).getHeader(SubjectProbe.HEADER));
        assertEquals("Basic b3JkZXItc2VydmljZTpzZWNyZXQ=", seen.get(1).getHeader("Authorization"));
        assertEquals(0, jwksFetches(), "no bearer token, no reason to fetch keys");
    }

    @Test
    void everyKindOfBadTokenIsRefusedAtTheEdgeAndNeverReachesTheService() {
        RsaJsonWebKey stranger = EdgeTokens.key("k-" + UUID.randomUUID());
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("forged signature under a known kid", EdgeTokens.forgedUnder(signing.getKeyId(), clock, "mallory"));
        bad.put("another key's kid", EdgeTokens.token(stranger, clock, "mallory"));
        bad.put("expired", EdgeTokens.token(signing, clock, "ada", claims -> claims.setExpirationTime(
                NumericDate.fromMilliseconds(clock.millis() - Duration.ofMinutes(2).toMillis()))));
        bad.put("not yet valid", EdgeTokens.token(signing, clock, "ada", claims -> claims.setNotBefore(
                NumericDate.fromMilliseconds(clock.millis() + Duration.ofMinutes(5).toMillis()))));
        bad.put("wrong issuer", EdgeTokens.token(signing, clock, "ada",
                claims -> claims.setIssuer("https://evil.example")));
        bad.put("no expiry", EdgeTokens.token(signing, clock, "ada", claims -> claims.unsetClaim("exp")));
        bad.put("no subject", EdgeTokens.token(signing, clock, "ada", claims -> claims.unsetClaim("sub")));
        bad.put("alg none", EdgeTokens.unsigned(signing.getKeyId(), clock, "ada"));
        bad.put("HS256 keyed with the public key", EdgeTokens.hmacWithPublicKey(signing, clock, "ada"));
        bad.put("garbage", "not-a-token");
        bad.put("three garbage parts", "a.b.c");
        bad.put("payload swapped into a valid token", swapPayload(EdgeTokens.token(signing, clock, "ada"),
                EdgeTokens.token(signing, clock, "admin")));

        for (Map.Entry<String, String> token : bad.entrySet()) {
            Response answer = given().header("Authorization", "Bearer " + token.getValue()).when().get(ORDERS);

            answer.then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .body("type", equalTo("https://commercesuite.dev/problems/invalid-token"))
                    .body("status", equalTo(401));
            assertEquals(401, answer.statusCode(), token.getKey());
        }
        given().header("Authorization", "Bearer ").when().get(ORDERS).then().statusCode(401);
        given().header("Authorization", "Bearer").when().get(ORDERS).then().statusCode(401);
        given().header("Authorization", "Bearer " + EdgeTokens.token(signing, clock, "ada"))
                .header("Authorization", "Bearer " + EdgeTokens.token(signing, clock, "admin"))
                .when().get(ORDERS).then().statusCode(401);

        assertEquals(0, order.find(anyRequestedFor(anyUrl())).size(), "no refused token reaches the service");
    }

    @Test
    void anExpiredTokenSaysSo() {
        String expired = EdgeTokens.token(signing, clock, "ada", claims -> claims.setExpirationTime(
                NumericDate.fromMilliseconds(clock.millis() - Duration.ofMinutes(2).toMillis())));

        given().header("Authorization", "Bearer " + expired).when().post(ORDERS)
                .then().statusCode(401).body("detail", equalTo("The token has expired."));
    }

    @Test
    void aRefusedRequestWithABodyClosesItsConnectionAndTheNextRequestIsServed() {
        String body = "{\"lines\":[{\"sku\":\"CUP-1\",\"quantity\":1}],\"pad\":\"" + "x".repeat(20_000) + "\"}";

        given().header("Authorization", "Bearer " + EdgeTokens.forgedUnder(signing.getKeyId(), clock, "mallory"))
                .contentType("application/json").body(body).when().post(ORDERS)
                .then().statusCode(401).header("Connection", "close");
        given().header("Authorization", "Bearer " + EdgeTokens.token(signing, clock, "ada"))
                .contentType("application/json").body(body).when().post(ORDERS).then().statusCode(200);

        List<LoggedRequest> seen = order.find(anyRequestedFor(anyUrl()));
        assertEquals(1, seen.size());
        assertEquals(body, seen.get(0).getBodyAsString(), "a verified request's body reaches the service whole");
    }

    @Test
    void aRememberedTokenStopsWorkingWhenItExpires() {
        String token = EdgeTokens.token(signing, clock, "ada");
        given().header("Authorization", "Bearer " + token).when().get(ORDERS).then().statusCode(200);

        clock.advance(Duration.ofMinutes(16));

        given().header("Authorization", "Bearer " + token).when().get(ORDERS).then().statusCode(401);
        assertEquals(1, order.find(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void theKeysAreFetchedOnceForManyTokens() {
        for (int i = 0; i < 5; i++) {
            String token = EdgeTokens.token(signing, clock, "user-" + i);
            given().header("Authorization", "Bearer " + token).when().get(ORDERS).then().statusCode(200);
            given().header("Authorization", "Bearer " + token).when().get(ORDERS).then().statusCode(200);
        }

        assertEquals(1, jwksFetches());
        assertEquals(10, order.find(getRequestedFor(urlEqualTo(ORDERS))).size());
    }

    @Test
    void anUnknownKidRefreshesTheKeysAtMostOncePer30Seconds() {
        given().header("Authorization", "Bearer " + EdgeTokens.token(signing, clock, "ada"))
                .when().get(ORDERS).then().statusCode(200);
        assertEquals(1, jwksFetches());

        clock.advance(Duration.ofSeconds(31));
        RsaJsonWebKey rotated = EdgeTokens.key("k-" + UUID.randomUUID());
        serveJwks(signing, rotated);
        given().header("Authorization", "Bearer " + EdgeTokens.token(rotated, clock, "ada"))
                .when().get(ORDERS).then().statusCode(200);
        assertEquals(2, jwksFetches(), "a new kid: one refresh, and the rotated key works");

        clock.advance(Duration.ofSeconds(20));
        RsaJsonWebKey unknown = EdgeTokens.key("k-" + UUID.randomUUID());
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", "Bearer " + EdgeTokens.token(unknown, clock, "mallory"))
                    .when().get(ORDERS).then().statusCode(401);
        }
        assertEquals(2, jwksFetches(), "within 30 s of the last fetch, unknown kids fetch nothing");

        clock.advance(Duration.ofSeconds(11));
        given().header("Authorization", "Bearer " + EdgeTokens.token(unknown, clock, "mallory"))
                .when().get(ORDERS).then().statusCode(401);
        assertEquals(3, jwksFetches(), "30 s on, an unknown kid may refresh again");
        assertEquals(2, order.find(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void withIdentityUnreachableTheCachedKeysKeepWorking() {
        given().header("Authorization", "Bearer " + EdgeTokens.token(signing, clock, "ada"))
                .when().get(ORDERS).then().statusCode(200);
        identity.register(get(urlEqualTo(JWKS)).willReturn(aResponse().withStatus(503)));

        clock.advance(Duration.ofMinutes(11)); // the keys are now due for a background refresh, which fails
        given().header("Authorization", "Bearer " + EdgeTokens.token(signing, clock, "ada"))
                .when().get(ORDERS).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> jwksFetches() == 2);
        given().header("Authorization", "Bearer " + EdgeTokens.token(signing, clock, "bob"))
                .when().get(ORDERS).then().statusCode(200);

        clock.advance(Duration.ofSeconds(31));
        RsaJsonWebKey unknown = EdgeTokens.key("k-" + UUID.randomUUID());
        given().header("Authorization", "Bearer " + EdgeTokens.token(unknown, clock, "carol"))
                .when().get(ORDERS).then().statusCode(503).header("Retry-After", "30")
                .body("type", equalTo("https://commercesuite.dev/problems/upstream-unavailable"));
        assertEquals(3, jwksFetches());
        assertEquals(3, order.find(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void identitysOwnCredentialEndpointsAreNotChecked() {
        identity.register(any(urlEqualTo("/api/v1/auth/refresh")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}")));

        given().header("Authorization", "Bearer expired-or-garbage").contentType("application/json")
                .body("{\"refreshToken\":\"r\"}").when().post("/api/v1/auth/refresh").then().statusCode(200);

        assertEquals(0, jwksFetches());
    }

    private void serveJwks(RsaJsonWebKey... keys) {
        identity.register(get(urlEqualTo(JWKS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/jwk-set+json").withBody(EdgeTokens.jwks(keys))));
    }

    private int jwksFetches() {
        return identity.find(getRequestedFor(urlEqualTo(JWKS))).size();
    }

    /** The header and signature of {@code signed} around the payload of {@code other}. */
    private static String swapPayload(String signed, String other) {
        String[] parts = signed.split("\\.");
        return parts[0] + "." + other.split("\\.")[1] + "." + parts[2];
    }
}
