package dev.commercesuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import dev.commercesuite.defaults.testing.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The default policies with exact counts against real Redis: every answer of a limited route carries the policy and
 * the remaining quota, the request over the limit is a 429 rate-limited with Retry-After that no service sees, and
 * counts are kept per policy and key (address, address and email, user).
 */
@QuarkusTest
@TestProfile(RateLimitProfile.class)
class GatewayRateLimitTest {

    @Inject
    MovableClock clock;

    private WireMock identity;
    private WireMock order;

    @BeforeEach
    void upstreamsAcceptAnything() {
        identity = UpstreamStub.client(UpstreamStub.IDENTITY);
        order = UpstreamStub.client(UpstreamStub.ORDER);
        for (WireMock stub : List.of(identity, order)) {
            stub.resetMappings();
            stub.resetRequests();
            stub.register(any(anyUrl()).willReturn(aResponse().withStatus(202)
                    .withHeader("Content-Type", "application/json").withBody("{}")));
        }
    }

    @AfterEach
    void clockBack() {
        clock.reset();
    }

    @Test
    void signUpAllowsFivePerHourPerAddressOnBothPathsAndTheSixthIsRefusedBeforeIdentity() {
        String ip = TestAddresses.fresh();
        List<String> paths = List.of("/api/v1/tenants", "/api/v1/auth/signup", "/api/v1/tenants",
                "/api/v1/auth/signup", "/api/v1/tenants");
        for (int i = 0; i < 5; i++) {
            from(ip).body("{}").when().post(paths.get(i)).then().statusCode(202)
                    .header("RateLimit-Policy", "\"sign-up\";q=5;w=3600")
                    .header("RateLimit", quota("sign-up", 4 - i, 3600))
                    .header("X-RateLimit-Limit", "5")
                    .header("X-RateLimit-Remaining", Integer.toString(4 - i))
                    .header("X-RateLimit-Reset", seconds(3600));
        }

        Response refused = from(ip).body("{}").when().post("/api/v1/tenants");

        refused.then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", seconds(3600))
                .header("RateLimit-Policy", "\"sign-up\";q=5;w=3600")
                .header("RateLimit", quota("sign-up", 0, 3600))
                .header("X-RateLimit-Remaining", "0")
                .body("type", org.hamcrest.Matchers.equalTo("https://commercesuite.dev/problems/rate-limited"))
                .body("status", org.hamcrest.Matchers.equalTo(429))
                .body("detail", org.hamcrest.Matchers.containsString("sign-up"));
        assertEquals(3, identity.find(postRequestedFor(urlEqualTo("/api/v1/tenants"))
                .withHeader("X-Forwarded-For", containing(ip))).size());
        assertEquals(2, identity.find(postRequestedFor(urlEqualTo("/api/v1/auth/signup"))
                .withHeader("X-Forwarded-For", containing(ip))).size());

        // another address has its own count
        from(TestAddresses.fresh()).body("{}").when().post("/api/v1/tenants").then().statusCode(202)
                .header("X-RateLimit-Remaining", "4");
    }

    @Test
    void loginCountsPerAddressAndEmailAndTheBodyIsForwardedAsSent() {
        String ip = TestAddresses.fresh();
        for (int i = 0; i < 5; i++) {
            // the same address however it is written
            String email = i % 2 == 0 ? "ada@example.com" : "  ADA@Example.com ";
            from(ip).body(login(email)).when().post("/api/v1/auth/login").then().statusCode(202)
                    .header("RateLimit-Policy", "\"login\";q=5;w=900")
                    .header("X-RateLimit-Remaining", Integer.toString(4 - i));
        }
        from(ip).body(login("ada@example.com")).when().post("/api/v1/auth/login").then().statusCode(429)
                .header("Retry-After", seconds(900));

        // a second email from the same address, and the first email from a second address, count on their own
        for (int i = 0; i < 5; i++) {
            from(ip).body(login("grace@example.com")).when().post("/api/v1/auth/login").then().statusCode(202)
                    .header("X-RateLimit-Remaining", Integer.toString(4 - i));
        }
        from(ip).body(login("grace@example.com")).when().post("/api/v1/auth/login").then().statusCode(429);
        from(TestAddresses.fresh()).body(login("ada@example.com")).when().post("/api/v1/auth/login").then()
                .statusCode(202).header("X-RateLimit-Remaining", "4");

        identity.verifyThat(3, postRequestedFor(urlEqualTo("/api/v1/auth/login"))
                .withHeader("X-Forwarded-For", containing(ip)).withRequestBody(equalTo(login("ada@example.com"))));
        identity.verifyThat(5, postRequestedFor(urlEqualTo("/api/v1/auth/login"))
                .withHeader("X-Forwarded-For", containing(ip)).withRequestBody(equalTo(login("grace@example.com"))));
    }

    @Test
    void aLoginBodyWithoutAnEmailIsCountedPerAddress() {
        String ip = TestAddresses.fresh();
        for (String body : List.of("not json", "[1,2]", "{\"email\":7}", "{}", "{\"email\":\"\"}")) {
            from(ip).body(body).when().post("/api/v1/auth/login").then().statusCode(202);
        }
        from(ip).body("{\"email\":[]}").when().post("/api/v1/auth/login").then().statusCode(429);
        identity.verifyThat(1, postRequestedFor(urlEqualTo("/api/v1/auth/login")).withRequestBody(equalTo("not json")));
    }

    @Test
    void orderCreationIsCountedPerUserAndPerAddressForGuests() {
        String ip = TestAddresses.fresh();
        String user = "user-" + ip;
        for (int i = 0; i < 20; i++) {
            from(ip).header(TestSubjectStage.HEADER, user).body("{}").when().post("/api/v1/orders").then()
                    .statusCode(202).header("RateLimit", quota("order-creation", 19 - i, 60));
        }
        from(ip).header(TestSubjectStage.HEADER, user).body("{}").when().post("/api/v1/orders").then()
                .statusCode(429).header("Retry-After", seconds(60));

        // the same user from another address is still the same user; another user and a guest are not
        from(TestAddresses.fresh()).header(TestSubjectStage.HEADER, user).body("{}").when().post("/api/v1/orders")
                .then().statusCode(429);
        from(ip).header(TestSubjectStage.HEADER, "other-" + user).body("{}").when().post("/api/v1/orders").then()
                .statusCode(202).header("X-RateLimit-Remaining", "19");
        from(ip).body("{}").when().post("/api/v1/orders").then().statusCode(202)
                .header("X-RateLimit-Remaining", "19");

        order.verifyThat(20, postRequestedFor(urlEqualTo("/api/v1/orders"))
                .withHeader(TestSubjectStage.HEADER, equalTo(user)));
    }

    @Test
    void checkoutHasItsOwnLimitAndOtherWritesAndReadsTheirs() {
        String ip = TestAddresses.fresh();
        for (int i = 0; i < 10; i++) {
            from(ip).body("{}").when().post("/api/v1/orders/o-" + i + "/checkout").then().statusCode(202)
                    .header("RateLimit-Policy", "\"checkout\";q=10;w=60");
        }
        from(ip).body("{}").when().post("/api/v1/orders/o-1/checkout").then().statusCode(429);

        from(ip).body("{}").when().patch("/api/v1/orders/o-1/status").then().statusCode(202)
                .header("RateLimit-Policy", "\"writes\";q=30;w=60").header("X-RateLimit-Remaining", "29");
        from(ip).when().get("/api/v1/orders/o-1").then().statusCode(202)
                .header("RateLimit-Policy", "\"reads\";q=100;w=60").header("X-RateLimit-Remaining", "99");
        from(ip).body("{}").when().post("/api/v1/auth/forgot-password").then().statusCode(202)
                .header("RateLimit-Policy", "\"forgot-password\";q=3;w=3600");
        from(ip).body("{}").when().post("/api/v1/auth/resend-verification").then().statusCode(202)
                .header("RateLimit-Policy", "\"resend-verification\";q=3;w=3600");
    }

    @Test
    void theWindowSlidesWithTheGatewaysClock() {
        String ip = TestAddresses.fresh();
        for (int i = 0; i < 3; i++) {
            from(ip).contentType("application/x-www-form-urlencoded").body("email=a%40b.c").when()
                    .post("/forgot-password").then().statusCode(202);
        }
        from(ip).body("{}").when().post("/api/v1/auth/forgot-password").then().statusCode(429)
                .header("Retry-After", seconds(3600));

        clock.advance(Duration.ofMinutes(59));
        from(ip).body("{}").when().post("/api/v1/auth/forgot-password").then().statusCode(429)
                .header("Retry-After", seconds(60));

        clock.advance(Duration.ofMinutes(1));
        from(ip).body("{}").when().post("/api/v1/auth/forgot-password").then().statusCode(202)
                .header("X-RateLimit-Remaining", "2");
    }

    @Test
    void theStripeWebhookIsNeitherCountedNorLimited() {
        String ip = TestAddresses.fresh();
        for (int i = 0; i < 35; i++) {
            from(ip).body("{}").when().post("/api/v1/webhooks/stripe").then().statusCode(202)
                    .header("RateLimit-Policy", nullValue()).header("X-RateLimit-Limit", nullValue());
        }
        from(ip).body("{}").when().post("/api/v1/orders/o-1/cancel").then().statusCode(202)
                .header("X-RateLimit-Remaining", "29");
        order.verifyThat(35, postRequestedFor(urlEqualTo("/api/v1/webhooks/stripe")));
    }

    @Test
    void exactlyTheLimitPassesOutOf32ConcurrentClients() throws Exception {
        String ip = TestAddresses.fresh();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                + "/api/v1/auth/signup")).header("X-Forwarded-For", ip).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();

        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        int passed = 0;
        int limited = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            int status = answer.get().statusCode();
            passed += status == 202 ? 1 : 0;
            // past three 429s the address is blocked (403), which is a refusal too
            limited += status == 429 || status == 403 ? 1 : 0;
        }

        assertEquals(5, passed);
        assertEquals(27, limited);
        identity.verifyThat(5, postRequestedFor(urlEqualTo("/api/v1/auth/signup"))
                .withHeader("X-Forwarded-For", containing(ip)));
    }

    @Test
    void metricsCountRequestsPerPolicyAndOutcomeAndAddressRefusals() {
        double allowed = metric("gateway_rate_limit_requests_total", "outcome=\"allowed\"", "policy=\"sign-up\"");
        double limited = metric("gateway_rate_limit_requests_total", "outcome=\"limited\"", "policy=\"sign-up\"");
        double timed = metric("gateway_rate_limit_request_duration_seconds_count", "policy=\"sign-up\"");
        double denied = metric("gateway_ip_refusals_total", "reason=\"denied\"");
        String ip = TestAddresses.fresh();
        for (int i = 0; i < 7; i++) {
            from(ip).body("{}").when().post("/api/v1/tenants");
        }
        from(RateLimitProfile.DENIED_IP).when().get("/api/v1/users/me").then().statusCode(403);

        assertEquals(allowed + 5, metric("gateway_rate_limit_requests_total", "outcome=\"allowed\"",
                "policy=\"sign-up\""));
        assertEquals(limited + 2, metric("gateway_rate_limit_requests_total", "outcome=\"limited\"",
                "policy=\"sign-up\""));
        assertEquals(timed + 7, metric("gateway_rate_limit_request_duration_seconds_count", "policy=\"sign-up\""));
        assertEquals(denied + 1, metric("gateway_ip_refusals_total", "reason=\"denied\""));
        String all = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(all.contains("gateway_rate_limit_fallback 0.0"), "fallback gauge");
        assertFalse(all.contains(ip), "no address among the tags");
    }

    /** The value of the Prometheus sample {@code name} whose labels include every one of {@code labels}. */
    private static double metric(String name, String... labels) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** An IETF RateLimit value with {@code remaining}, whose reset lies within the last minute of {@code window}. */
    static Matcher<String> quota(String policy, int remaining, long window) {
        String prefix = "\"" + policy + "\";r=" + remaining + ";t=";
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(String value) {
                return value.startsWith(prefix) && seconds(window).matches(value.substring(prefix.length()));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(prefix + "<about " + window + ">");
            }
        };
    }

    /**
     * A number of seconds of at most {@code expected} and at least a minute less: the gateway counts down in real
     * time while a test runs, and a loaded machine may take a while.
     */
    static Matcher<String> seconds(long expected) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(String value) {
                try {
                    long seconds = Long.parseLong(value);
                    return seconds <= expected && seconds >= Math.max(1, expected - 60);
                } catch (NumberFormatException e) {
                    return false;
                }
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("seconds in [" + Math.max(1, expected - 60) + ", " + expected + "]");
            }
        };
    }

    private static String login(String email) {
        return "{\"tenant\":\"shop\",\"email\":\"" + email + "\",\"password\":\"not-checked-here\"}";
    }

    private static RequestSpecification from(String ip) {
        return given().header("X-Forwarded-For", ip).contentType("application/json");
    }
}
