package dev.commercesuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.commercesuite.defaults.testing.CapturedEmails;
import dev.commercesuite.defaults.testing.MovableClock;
import dev.commercesuite.order.job.StaleOrdersJob;
import dev.commercesuite.order.service.StaleOrders;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The stale-order job: orders left pending or awaiting payment for 24 hours are cancelled by
 * {@code system:stale-orders} (a checked-out one's PaymentIntent cancelled at Stripe first), their stock returned and
 * the customer emailed; younger and paid orders stay; one replica runs it at a time; what it did is counted.
 */
@QuarkusTest
class StaleOrdersJobTest {

    @Inject
    PlacedOrders placed;

    @Inject
    StaleOrdersJob job;

    @Inject
    MovableClock clock;

    @Inject
    MeterRegistry meters;

    @Inject
    StripeHealth stripe;

    @Inject
    DataSource dataSource;

    private Sql sql;
    private CapturedEmails emails;
    private UUID shop;

    @BeforeEach
    void shop() {
        sql = new Sql(dataSource);
        emails = CapturedEmails.accepting();
        // orders other tests left checked out are stale too: Stripe cancels their PaymentIntents
        stripe.restore();
        StripeHealth.answerEveryOtherIntent();
        shop = UUID.randomUUID();
        IdentityStub.shop(shop, "stale-" + shop.toString().substring(0, 8), "Old Stock Ltd", "pro", "active");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
        stripe.restore();
    }

    @Test
    void unpaidOrdersOlderThanADayAreCancelledWithTheirStockReturnedAndTheCustomerTold() {
        UUID mug = placed.product(shop, "Mug", 800, "EUR", 10);
        PlacedOrders.Placed pending = placed.place(shop, null, "p-" + shop + "@example.com", "Pat",
                Map.of(mug, 2));
        PlacedOrders.Placed awaiting = placed.place(shop, null, "a-" + shop + "@example.com", "Abe",
                Map.of(mug, 3));
        PlacedOrders.Placed paid = placed.place(shop, null, "paid-" + shop + "@example.com", "Pam",
                Map.of(mug, 1));
        Paying.Checkout awaitingIntent = Paying.checkout(awaiting);
        StripeStub.cancelWorks(awaitingIntent.intentId(), awaitingIntent.amount(), "EUR", awaiting.id(), shop,
                awaiting.orderNumber());
        String paidIntent = Paying.pay(paid).intentId();
        clock.advance(Duration.ofHours(23));
        PlacedOrders.Placed young = placed.place(shop, null, "y-" + shop + "@example.com", "Yan",
                Map.of(mug, 1));
        assertEquals(3, stock(mug));

        clock.advance(Duration.ofMinutes(61)); // the first three are now 24 h 1 min old, the last one 61 minutes
        double cancelledBefore = meters.counter("order.stale_orders.cancelled").count();
        StaleOrders.Run run = job.run();

        assertTrue(run.ran());
        assertTrue(run.cancelled() >= 2, "at least this test's two: " + run);
        assertEquals(run.cancelled(), (int) (meters.counter("order.stale_orders.cancelled").count()
                - cancelledBefore));
        assertEquals("cancelled", status(pending));
        assertEquals("cancelled", status(awaiting));
        assertEquals("paid", status(paid));
        assertEquals("pending", status(young));
        assertEquals(8, stock(mug), "2 + 3 returned; the paid and the young order keep theirs");
        assertEquals(1, cancelsAskedOfStripe(awaitingIntent.intentId()), "its PaymentIntent was cancelled first");
        assertEquals(0, cancelsAskedOfStripe(paidIntent), "a paid order's payment is never cancelled");
        assertEquals(List.of("system:stale-orders|It was not paid within 24 hours."), sql.column("SELECT actor || '|'"
                + " || note FROM order_events WHERE order_id = ? AND status = 'cancelled'", pending.id()));
        assertEquals(List.of("awaiting_payment>cancelled"), sql.column("SELECT (metadata->>'from') || '>' ||"
                + " (metadata->>'to') FROM audit_events WHERE actor = 'system:stale-orders' AND tenant_id = ?"
                + " AND metadata->>'orderId' = ?", shop, awaiting.id().toString()));
        JsonNode email = emails.await(pending.email(), "order-cancelled");
        assertEquals("It was not paid within 24 hours.", email.path("data").path("reason").asText());
        assertEquals("Old Stock Ltd", email.path("shopName").asText());
        String token = email.path("data").path("accessToken").asText();
        given().queryParam("token", token).get("/api/v1/orders/{id}/status", pending.id()).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("cancelled"));

        // a second run finds nothing more of this shop's: nothing is cancelled or returned twice
        job.run();
        assertEquals(8, stock(mug));
        assertEquals(1, sql.count("SELECT count(*) FROM order_events WHERE order_id = ? AND status = 'cancelled'",
                pending.id()));
        assertEquals(1, emails.all(pending.email(), "order-cancelled").size());
        assertEquals(List.of(), emails.all(young.email(), "order-cancelled"));
    }

    @Test
    void oneReplicaAtATimeRunsIt() throws Exception {
        UUID mug = placed.product(shop, "Mug", 800, "EUR", 5);
        PlacedOrders.Placed order = placed.place(shop, null, "lock-" + shop + "@example.com", "Lou",
                Map.of(mug, 1));
        clock.advance(Duration.ofHours(25));
        double skippedBefore = meters.counter("order.jobs.runs", "job", "stale-orders", "outcome", "skipped").count();

        try (Connection otherReplica = dataSource.getConnection()) {
            otherReplica.setAutoCommit(false);
            try (PreparedStatement lock = otherReplica.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, 0x5A1E_0DE2L);
                lock.execute();
            }
            StaleOrders.Run run = job.run();
            assertFalse(run.ran());
            assertEquals(0, run.cancelled());
            assertEquals("pending", status(order));
            otherReplica.rollback();
        }
        assertEquals(1, meters.counter("order.jobs.runs", "job", "stale-orders", "outcome", "skipped").count()
                - skippedBefore);

        assertTrue(job.run().ran());
        assertEquals("cancelled", status(order));
        assertEquals(5, stock(mug));
    }

    private static int cancelsAskedOfStripe(String intentId) {
        return StripeStub.client().find(postRequestedFor(urlEqualTo(StripeStub.INTENTS + "/" + intentId + "/cancel")))
                .size();
    }

    private String status(PlacedOrders.Placed order) {
        return sql.single("SELECT status FROM orders WHERE id = ?", order.id());
    }

    private int stock(UUID product) {
        return Integer.parseInt(sql.single("SELECT stock FROM products WHERE id = ?", product));
    }
}
