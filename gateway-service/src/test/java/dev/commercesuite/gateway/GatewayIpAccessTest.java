package dev.commercesuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import dev.commercesuite.defaults.testing.MovableClock;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * The IP stage: the deny list is refused, the allow list never limited, an address that keeps collecting 429s is
 * blocked for an hour (in Redis, for every replica) and free again after it, and the client address is only taken
 * from {@code X-Forwarded-For} when a trusted proxy sent it.
 */
@QuarkusTest
@TestProfile(RateLimitProfile.class)
class GatewayIpAccessTest {

    @Inject
    MovableClock clock;

    @Inject
    RedisDataSource redis;

    private WireMock identity;

    @BeforeEach
    void upstreamsAcceptAnything() {
        identity = UpstreamStub.client(UpstreamStub.IDENTITY);
        identity.resetMappings();
        identity.resetRequests();
        identity.register(any(anyUrl()).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody("{}")));
    }

    @AfterEach
    void clockBack() {
        clock.reset();
    }

    @Test
    void aDenyListedAddressIsRefusedBeforeAnyService() {
        given().header("X-Forwarded-For", RateLimitProfile.DENIED_IP).when().get("/api/v1/users/me")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/ip-denied"))
                .header("RateLimit-Policy", nullValue());
        assertEquals(0, identity.find(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void anAllowListedAddressIsNeverLimitedNorBlocked() {
        for (int i = 0; i < 5 + RateLimitProfile.MAX_REFUSALS + 3; i++) {
            given().header("X-Forwarded-For", RateLimitProfile.ALLOWED_IP).contentType("application/json").body("{}")
                    .when().post("/api/v1/tenants").then().statusCode(202).header("RateLimit-Policy", nullValue());
        }
    }

    @Test
    void anAddressOverTheRefusalsIsBlockedForAnHourEverywhereAndThenFreeAgain() {
        String ip = TestAddresses.fresh();
        for (int i = 0; i < 5; i++) {
            signUp(ip).then().statusCode(202);
        }
        for (int i = 0; i < RateLimitProfile.MAX_REFUSALS + 1; i++) {
            signUp(ip).then().statusCode(429);
        }

        // blocked on every path, not only the limited one, and for every replica (the block is in Redis)
        given().header("X-Forwarded-For", ip).when().get("/api/v1/users/me").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/ip-blocked"))
                .header("Retry-After", GatewayRateLimitTest.seconds(3600));
        signUp(ip).then().statusCode(403);
        String until = redis.value(String.class).get("rl:blocked:{" + ip + "}");
        assertTrue(until != null && Long.parseLong(until) > clock.millis() + 3_500_000, "block in Redis: " + until);
        assertEquals(5, identity.find(postRequestedFor(urlEqualTo("/api/v1/tenants"))
                .withHeader("X-Forwarded-For", containing(ip))).size());
        assertEquals(0, identity.find(anyRequestedFor(urlEqualTo("/api/v1/users/me"))).size());

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        given().header("X-Forwarded-For", ip).when().get("/api/v1/users/me").then().statusCode(202);
        signUp(ip).then().statusCode(202).header("X-RateLimit-Remaining", "4");
    }

    @Test
    void refusedCredentialsCountTowardsTheBlockLike429s() {
        String ip = TestAddresses.fresh();
        for (int i = 0; i < RateLimitProfile.MAX_REFUSALS + 1; i++) {
            given().header("X-Forwarded-For", ip).header("Authorization", "Bearer not-a-token-" + i)
                    .when().get("/api/v1/orders").then().statusCode(401)
                    .body("type", equalTo("https://commercesuite.dev/problems/invalid-token"));
        }

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given()
                .header("X-Forwarded-For", ip).when().get("/api/v1/users/me").then().statusCode(403)
                .body("type", equalTo("https://commercesuite.dev/problems/ip-blocked")));
        assertEquals(0, identity.find(anyRequestedFor(urlEqualTo("/api/v1/users/me"))
                .withHeader("X-Forwarded-For", containing(ip))).size());
    }

    @Test
    void aForwardedForFromAnUntrustedPeerIsIgnoredAndFromATrustedOneHonoured() throws IOException {
        // 127.0.0.2 is the one fixed address here: forget what earlier runs within the hour counted for it
        redis.key().del("rl:{sign-up:ip:127.0.0.2}", "rl:refusals:{127.0.0.2}", "rl:blocked:{127.0.0.2}");
        // 127.0.0.2 is not a trusted proxy: its X-Forwarded-For names an allow-listed address, which changes nothing
        String head = "POST /api/v1/tenants HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: "
                + RateLimitProfile.ALLOWED_IP + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n{}";
        String answer = exchangeFrom("127.0.0.2", head);
        assertTrue(answer.startsWith("HTTP/1.1 202"), answer);
        assertTrue(answer.toLowerCase().contains("ratelimit-policy: \"sign-up\""), answer);
        // and naming a denied address from there does not get the untrusted peer refused as that address
        String denied = exchangeFrom("127.0.0.2", head.replace(RateLimitProfile.ALLOWED_IP, RateLimitProfile.DENIED_IP));
        assertTrue(!denied.contains("ip-denied"), denied);

        // the same header through the trusted proxy (127.0.0.1) is believed
        given().header("X-Forwarded-For", RateLimitProfile.DENIED_IP).when().get("/api/v1/users/me")
                .then().statusCode(403);
        List<String> forwarded = identity.find(postRequestedFor(urlEqualTo("/api/v1/tenants"))).stream()
                .map(request -> request.getHeader("X-Forwarded-For")).toList();
        assertTrue(forwarded.contains("127.0.0.2"), forwarded.toString());
    }

    private static io.restassured.response.Response signUp(String ip) {
        return given().header("X-Forwarded-For", ip).contentType("application/json").body("{}")
                .when().post("/api/v1/tenants");
    }

    private static String exchangeFrom(String localAddress, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
