package dev.commercesuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.commercesuite.order.CatalogFixtures.product;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import dev.commercesuite.defaults.testing.MovableClock;
import dev.commercesuite.order.CatalogFixtures.TestShop;
import dev.commercesuite.order.client.ShopLookup;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * How order-service asks identity-service about shops, seen through the public catalog read
 * ({@code GET /api/v1/products?tenant=<slug>}, which looks the shop up) while the identity stub counts the calls:
 * answers are kept 60 s; an unknown shop is one call and never trips the breaker; while identity is down a known
 * shop is still served for an hour; the breaker opens after five failures, then calls stop, and it closes again after
 * two successes once identity is back. (That orders are still taken for a cached shop while identity is down is
 * tested with order creation, by the orders' tests.)
 */
@QuarkusTest
class ShopLookupTest {

    private static final Duration FRESH = Duration.ofSeconds(60);

    @Inject
    MovableClock clock;

    @Inject
    CircuitBreakerMaintenance breakers;

    private final List<StubMapping> outages = new ArrayList<>();

    @BeforeEach
    void closedBreaker() {
        breakers.reset(ShopLookup.BREAKER);
    }

    @AfterEach
    void identityBack() {
        WireMock identity = IdentityStub.client();
        outages.forEach(identity::removeStubMapping);
        outages.clear();
        clock.reset();
        breakers.reset(ShopLookup.BREAKER);
    }

    @Test
    void answersAreKeptSixtySecondsThenAskedForAgain() {
        TestShop shop = CatalogFixtures.activeShop();
        String id = CatalogFixtures.created(shop.admin(), product("KEPT"));
        read(shop.slug()).then().statusCode(200).body("items.id", contains(id));
        read(shop.slug()).then().statusCode(200);
        read(shop.id().toString()).then().statusCode(200).body("items.id", contains(id)); // kept by id too
        assertEquals(1, calls(shop.slug()));
        assertEquals(0, calls(shop.id().toString()));

        clock.advance(FRESH.minusSeconds(2));
        read(shop.slug()).then().statusCode(200);
        assertEquals(1, calls(shop.slug()));

        clock.advance(Duration.ofSeconds(3));
        read(shop.slug()).then().statusCode(200);
        assertEquals(2, calls(shop.slug()));
        read(shop.slug()).then().statusCode(200);
        assertEquals(2, calls(shop.slug()));
    }

    @Test
    void anUnknownShopIsAskedAboutOnceAndNeverTripsTheBreaker() {
        for (int i = 0; i < 7; i++) {
            String slug = CatalogFixtures.slug();
            read(slug).then().statusCode(404).contentType("application/problem+json")
                    .body("type", equalTo("https://commercesuite.dev/problems/tenant-not-found"));
            assertEquals(1, calls(slug), "an unknown shop is not retried");
        }
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(ShopLookup.BREAKER));
        int before = allCalls();
        read("Not-A-Slug!").then().statusCode(404).body("type",
                equalTo("https://commercesuite.dev/problems/tenant-not-found"));
        read("a".repeat(64)).then().statusCode(404);
        assertEquals(before, allCalls(), "what cannot name a shop is not asked about");
    }

    @Test
    void whileIdentityIsDownAKnownShopIsServedForAnHour() {
        TestShop shop = CatalogFixtures.activeShop();
        String id = CatalogFixtures.created(shop.admin(), product("STALE"));
        read(shop.slug()).then().statusCode(200);
        identityDown(aResponse().withStatus(500));

        clock.advance(FRESH.plusSeconds(1));
        read(shop.slug()).then().statusCode(200).body("items.id", contains(id));
        assertEquals(1 + 3, calls(shop.slug()), "asked again, with two retries, before the last answer is served");

        clock.advance(Duration.ofMinutes(58));
        read(shop.slug()).then().statusCode(200).body("items.id", contains(id));

        clock.advance(Duration.ofMinutes(1).plusSeconds(1)); // the answer is now over an hour old
        read(shop.slug()).then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/service-unavailable"))
                .body("status", equalTo(503));
        // a shop never seen cannot be served at all
        read(CatalogFixtures.activeShop().slug()).then().statusCode(503);
    }

    @Test
    void theBreakerOpensAfterFiveFailuresAndThenCallsStop() {
        TestShop cached = CatalogFixtures.activeShop();
        read(cached.slug()).then().statusCode(200);
        TestShop unseen = CatalogFixtures.activeShop();
        identityDown(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        read(unseen.slug()).then().statusCode(503); // three attempts
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(ShopLookup.BREAKER));
        assertEquals(3, calls(unseen.slug()));
        read(unseen.slug()).then().statusCode(503); // two more failures open it; the third attempt is refused
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(ShopLookup.BREAKER));
        assertEquals(5, calls(unseen.slug()));

        int calls = allCalls();
        for (int i = 0; i < 5; i++) {
            read(unseen.slug()).then().statusCode(503);
        }
        clock.advance(FRESH.plusSeconds(1));
        read(cached.slug()).then().statusCode(200); // the last answer, without asking
        assertEquals(calls, allCalls(), "an open breaker stops the calls");
    }

    @Test
    void afterIdentityRecoversTheBreakerClosesAfterTwoSuccesses() {
        TestShop first = CatalogFixtures.activeShop();
        TestShop second = CatalogFixtures.activeShop();
        TestShop third = CatalogFixtures.activeShop();
        identityDown(aResponse().withStatus(500));
        read(first.slug()).then().statusCode(503);
        read(first.slug()).then().statusCode(503);
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(ShopLookup.BREAKER));

        identityUp();
        read(first.slug()).then().statusCode(503); // still open: identity is not asked yet
        assertEquals(0, calls(first.slug()) - 5);
        // the breaker's delay (1 s in tests, 60 s in production) passes, then a call is let through
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> read(first.slug()).statusCode() == 200);
        assertEquals(CircuitBreakerState.HALF_OPEN, breakers.currentState(ShopLookup.BREAKER));
        read(second.slug()).then().statusCode(200);
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(ShopLookup.BREAKER));
        read(third.slug()).then().statusCode(200);
        assertEquals(1, calls(third.slug()));
    }

    private static Response read(String tenant) {
        return given().queryParam("tenant", tenant).when().get("/api/v1/products");
    }

    /** Lookups of this shop reference that reached the identity stub. */
    private static int calls(String idOrSlug) {
        return IdentityStub.client().find(getRequestedFor(urlEqualTo(IdentityStub.TENANTS + idOrSlug))).size();
    }

    private static int allCalls() {
        return IdentityStub.client().find(getRequestedFor(urlPathMatching(IdentityStub.TENANTS + ".*"))).size();
    }

    /** identity's shop lookup fails this way for every shop, registered ones included (the newest stub wins). */
    private void identityDown(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure) {
        outages.add(IdentityStub.client().register(get(urlPathMatching(IdentityStub.TENANTS + ".*")).atPriority(1)
                .willReturn(failure)));
    }

    private void identityUp() {
        WireMock identity = IdentityStub.client();
        outages.forEach(identity::removeStubMapping);
        outages.clear();
    }
}
