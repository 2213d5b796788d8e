package dev.commercesuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.commercesuite.defaults.testing.CapturedEmails;
import dev.commercesuite.defaults.testing.MovableClock;
import dev.commercesuite.order.job.StaleOrdersJob;
import dev.commercesuite.order.service.StaleOrders;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The stale-order job and orders that were checked out: the PaymentIntent is cancelled at Stripe (with the order's
 * cancel key) before the order is cancelled and its stock returned; an order whose payment went through meanwhile
 * (Stripe refuses the cancel) is paid, never cancelled; while Stripe cannot be asked, the order is left for the next
 * run.
 */
@QuarkusTest
class StalePaymentsTest {

    @Inject
    PlacedOrders placed;

    @Inject
    StaleOrdersJob job;

    @Inject
    StripeHealth stripe;

    @Inject
    MovableClock clock;

    @Inject
    DataSource dataSource;

    private Sql sql;
    private CapturedEmails emails;
    private UUID shop;

    @BeforeEach
    void shop() {
        sql = new Sql(dataSource);
        emails = CapturedEmails.accepting();
        stripe.restore();
        StripeHealth.answerEveryOtherIntent();
        shop = UUID.randomUUID();
        IdentityStub.shop(shop, "stalepay-" + shop.toString().substring(0, 8), "Stale Pay Ltd", "pro", "active");
    }

    @AfterEach
    void putBack() {
        clock.reset();
        stripe.restore();
    }

    @Test
    void aStaleCheckedOutOrderHasItsPaymentIntentCancelledThenIsCancelledWithItsStockReturned() {
        CheckedOut order = checkedOut(3);
        StripeStub.cancelWorks(order.intent(), 2400, "EUR", order.placed().id(), shop, order.placed().orderNumber());
        assertEquals(7, stock(order));
        clock.advance(Duration.ofHours(25));

        StaleOrders.Run run = job.run();

        assertTrue(run.ran());
        assertTrue(run.cancelled() >= 1, run.toString());
        List<LoggedRequest> cancels = cancels(order);
        assertEquals(1, cancels.size());
        assertEquals("order-" + order.placed().id() + "-cancel-" + order.intent(),
                cancels.get(0).getHeader("Idempotency-Key"));
        assertEquals("abandoned", URLDecoder.decode(cancels.get(0).getBodyAsString(), StandardCharsets.UTF_8)
                .replace("cancellation_reason=", ""));
        assertEquals("cancelled", status(order));
        assertEquals(10, stock(order), "the 3 reserved units are back");
        assertNull(sql.single("SELECT paid_at FROM orders WHERE id = ?", order.placed().id()));
        assertEquals(List.of("system:stale-orders|It was not paid within 24 hours."), sql.column("SELECT actor ||"
                + " '|' || note FROM order_events WHERE order_id = ? AND status = 'cancelled'", order.placed().id()));
        assertEquals(List.of("awaiting_payment>cancelled"), sql.column("SELECT (metadata->>'from') || '>' ||"
                + " (metadata->>'to') FROM audit_events WHERE actor = 'system:stale-orders' AND tenant_id = ?"
                + " AND metadata->>'orderId' = ?", shop, order.placed().id().toString()));
        JsonNode email = emails.await(order.placed().email(), "order-cancelled");
        assertEquals("It was not paid within 24 hours.", email.path("data").path("reason").asText());

        // a later run leaves it alone: Stripe is not asked again and the stock is not returned twice
        clock.advance(Duration.ofMinutes(5));
        job.run();
        assertEquals(1, cancels(order).size());
        assertEquals(10, stock(order));
    }

    @Test
    void aStaleOrderWhosePaymentSucceededIsPaidNotCancelled() {
        CheckedOut order = checkedOut(2);
        StripeStub.cancelRefusedAsSucceeded(order.intent());
        StripeStub.intentIs(order.intent(), "succeeded", 1600, 1600, "EUR", order.placed().id(), shop,
                order.placed().orderNumber(), null);
        clock.advance(Duration.ofHours(25));

        job.run();

        assertEquals(1, cancels(order).size(), "Stripe was asked to cancel, and refused");
        assertEquals("paid", status(order));
        assertNotNull(sql.single("SELECT paid_at FROM orders WHERE id = ?", order.placed().id()));
        assertEquals(8, stock(order), "a paid order keeps its stock");
        assertEquals(0, sql.count("SELECT count(*) FROM order_events WHERE order_id = ? AND status = 'cancelled'",
                order.placed().id()));
        assertEquals(List.of("system:stale-orders|awaiting_payment>paid"), sql.column("SELECT actor || '|' ||"
                + " (metadata->>'from') || '>' || (metadata->>'to') FROM audit_events WHERE tenant_id = ?"
                + " AND action = 'order-status-changed' AND metadata->>'orderId' = ?", shop,
                order.placed().id().toString()));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> emails
                .all(order.placed().email(), "order-status-update").stream()
                .anyMatch(update -> "paid".equals(update.path("data").path("status").asText())));
        assertEquals(List.of(), emails.all(order.placed().email(), "order-cancelled"));

        // and stays paid on the next run
        clock.advance(Duration.ofMinutes(5));
        job.run();
        assertEquals("paid", status(order));
    }

    @Test
    void whileStripeIsDownTheStaleOrderIsLeftForTheNextRun() {
        CheckedOut order = checkedOut(1);
        clock.advance(Duration.ofHours(25));
        StripeStub.down();

        assertTrue(job.run().ran());

        assertNotNull(sql.single("SELECT payment_checked_at FROM orders WHERE id = ?", order.placed().id()),
                "the job chose the order");
        assertEquals("awaiting_payment|" + order.intent(), sql.single("SELECT status || '|' || payment_intent_id"
                + " FROM orders WHERE id = ?", order.placed().id()));
        assertEquals(9, stock(order));
        assertEquals(0, sql.count("SELECT count(*) FROM order_events WHERE order_id = ? AND status = 'cancelled'",
                order.placed().id()));

        // Stripe is back: the next run cancels it
        stripe.restore();
        StripeHealth.answerEveryOtherIntent();
        StripeStub.cancelWorks(order.intent(), 800, "EUR", order.placed().id(), shop, order.placed().orderNumber());
        clock.advance(Duration.ofMinutes(5));
        job.run();
        assertEquals(1, cancels(order).size());
        assertEquals("cancelled", status(order));
        assertEquals(10, stock(order));
    }

    /** A guest's order of {@code quantity} mugs at 8 EUR (10 in stock), checked out: awaiting payment now. */
    private CheckedOut checkedOut(int quantity) {
        UUID mug = placed.product(shop, "Mug", 800, "EUR", 10);
        PlacedOrders.Placed order = placed.place(shop, null, "stale-" + UUID.randomUUID() + "@example.com", "Sam",
                Map.of(mug, quantity));
        String intent = StripeStub.acceptCheckout(order.id(), shop, order.orderNumber(), 800L * quantity, "EUR");
        given().header("X-Order-Token", order.token()).header("Idempotency-Key", "checkout")
                .post("/api/v1/orders/{id}/checkout", order.id()).then().statusCode(200);
        assertEquals("awaiting_payment", sql.single("SELECT status FROM orders WHERE id = ?", order.id()));
        return new CheckedOut(order, intent, mug);
    }

    private record CheckedOut(PlacedOrders.Placed placed, String intent, UUID product) {
    }

    private static List<LoggedRequest> cancels(CheckedOut order) {
        return StripeStub.client().find(postRequestedFor(urlEqualTo(StripeStub.INTENTS + "/" + order.intent()
                + "/cancel")));
    }

    private String status(CheckedOut order) {
        return sql.single("SELECT status FROM orders WHERE id = ?", order.placed().id());
    }

    private int stock(CheckedOut order) {
        return Integer.parseInt(sql.single("SELECT stock FROM products WHERE id = ?", order.product()));
    }
}
