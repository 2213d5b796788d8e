package dev.commercesuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.CapturedEmails;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * Checkout while Stripe is down or slow: a 503 {@code payment-provider-unavailable} with Retry-After (never a 500);
 * after five failed attempts the circuit breaker opens and checkout answers at once without calling Stripe; once
 * Stripe is back the breaker lets a call through after its delay (1 s in tests) and closes after two successes.
 * Every test ends with Stripe healthy and the breaker closed, so no other class meets an open breaker.
 */
@QuarkusTest
class StripeOutageTest {

    private static final String CHECKOUT = "/api/v1/orders/{id}/checkout";
    private static final String UNAVAILABLE = "https://commercesuite.dev/problems/payment-provider-unavailable";

    @Inject
    PlacedOrders placed;

    @Inject
    StripeHealth stripe;

    @Inject
    DataSource dataSource;

    private Sql sql;
    private UUID shop;

    @BeforeEach
    void healthyStripe() {
        sql = new Sql(dataSource);
        CapturedEmails.accepting();
        stripe.restore();
        shop = UUID.randomUUID();
        IdentityStub.shop(shop, "outage-" + shop.toString().substring(0, 8), "Outage Mugs", "pro", "active");
    }

    @AfterEach
    void healthyStripeAgain() {
        stripe.restore();
        assertEquals(CircuitBreakerState.CLOSED, stripe.state());
    }

    @Test
    void stripeDownIsA503ThenTheBreakerOpensAnswersAtOnceAndClosesAfterRecovery() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "down-" + shop + "@example.com", 1200, 5, 1);
        StripeStub.down();

        // an attempt and two retries, each a failure the breaker counts (WireMock may see each attempt twice: the
        // JDK's HTTP client sends a POST again, once, when the connection is reset)
        assertUnavailable(checkout(order, "down-1"));
        int firstCheckout = stripeRequests();
        assertTrue(firstCheckout >= 3, "requests: " + firstCheckout);
        assertEquals(CircuitBreakerState.CLOSED, stripe.state());
        assertUnavailable(checkout(order, "down-2"));
        int secondCheckout = stripeRequests() - firstCheckout;
        assertEquals(CircuitBreakerState.OPEN, stripe.state());
        assertTrue(secondCheckout > 0 && secondCheckout < firstCheckout, "the fifth failed attempt opened the"
                + " breaker, so the second checkout's third never left: " + firstCheckout + " then " + secondCheckout);
        int beforeOpen = stripeRequests();

        long started = System.nanoTime();
        Response open = checkout(order, "down-3");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertUnavailable(open);
        open.then().header("Retry-After", "30");
        assertEquals(beforeOpen, stripeRequests(), "while the breaker is open Stripe is not called");
        assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "an open breaker answers at once, took " + took);
        assertEquals("pending", sql.single("SELECT status FROM orders WHERE id = ?", order.id()));
        assertNull(sql.single("SELECT payment_intent_id FROM orders WHERE id = ?", order.id()));

        StripeStub.reset();
        String intent = StripeStub.acceptCheckout(order.id(), shop, order.orderNumber(), 1200, "EUR");
        AtomicInteger attempt = new AtomicInteger();
        Awaitility.await("a checkout through the half-open breaker").atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .until(() -> checkout(order, "back-" + attempt.incrementAndGet()).statusCode() == 200);
        assertEquals(CircuitBreakerState.HALF_OPEN, stripe.state(), "one success of the two that close it");
        checkout(order, "back-again").then().statusCode(200).body("paymentIntentId", equalTo(intent));
        assertEquals(CircuitBreakerState.CLOSED, stripe.state());
        assertEquals("awaiting_payment|" + intent, sql.single("SELECT status || '|' || payment_intent_id FROM orders"
                + " WHERE id = ?", order.id()));
    }

    @Test
    void aSlowStripeIsA503NotA500() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "slow-" + shop + "@example.com", 700, null, 1);
        StripeStub.slow(4_000);

        long started = System.nanoTime();
        Response slow = checkout(order, "slow-1");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertUnavailable(slow);
        // each of the three attempts is given up on long before Stripe's 4 s: unbounded they would take 12 s
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> stripeRequests() == 3);
        assertEquals("pending", sql.single("SELECT status FROM orders WHERE id = ?", order.id()));
        assertNull(sql.single("SELECT payment_intent_id FROM orders WHERE id = ?", order.id()));
    }

    private static Response checkout(PlacedOrders.Placed order, String key) {
        return given().header("X-Order-Token", order.token()).header("Idempotency-Key", key)
                .post(CHECKOUT, order.id());
    }

    private static void assertUnavailable(Response answer) {
        answer.then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo(UNAVAILABLE))
                .body("status", equalTo(503));
        String retryAfter = answer.header("Retry-After");
        assertTrue(retryAfter != null && Integer.parseInt(retryAfter) >= 1, "Retry-After: " + retryAfter);
    }

    private static int stripeRequests() {
        return StripeStub.client().find(anyRequestedFor(urlPathMatching("/v1/.*"))).size();
    }
}
