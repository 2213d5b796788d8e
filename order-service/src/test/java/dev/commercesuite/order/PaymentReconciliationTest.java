package dev.commercesuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.commercesuite.defaults.testing.CapturedEmails;
import dev.commercesuite.defaults.testing.MovableClock;
import dev.commercesuite.order.job.PaymentReconciliationJob;
import dev.commercesuite.order.service.PaymentReconciliation;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The reconciliation job: an order awaiting payment for over 15 minutes is checked against Stripe, so a webhook that
 * never arrives does not leave a paid order unpaid; a younger one is not asked about; a payment that does not match
 * is flagged, not taken; while Stripe cannot answer the order is left as it is and the run says so.
 */
@QuarkusTest
class PaymentReconciliationTest {

    @Inject
    PlacedOrders placed;

    @Inject
    PaymentReconciliationJob job;

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
        IdentityStub.shop(shop, "recon-" + shop.toString().substring(0, 8), "Reconciled Mugs", "pro", "active");
    }

    @AfterEach
    void putBack() {
        clock.reset();
        stripe.restore();
    }

    @Test
    void anOrderWhoseWebhookNeverArrivedIsPaidByTheJob() {
        CheckedOut order = checkedOut(1250, 2);
        StripeStub.intentIs(order.intent(), "succeeded", 2500, 2500, "EUR", order.placed().id(), shop,
                order.placed().orderNumber(), null);
        clock.advance(Duration.ofMinutes(16));

        PaymentReconciliation.Run run = reconcileUntilAsked(order);

        assertTrue(run.ran());
        assertTrue(run.paid() >= 1, run.toString());
        assertEquals(1, asked(order), "asked about once");
        assertEquals("paid", status(order));
        assertNotNull(sql.single("SELECT paid_at FROM orders WHERE id = ?", order.placed().id()));
        assertNull(sql.single("SELECT payment_issue FROM orders WHERE id = ?", order.placed().id()));
        assertEquals(List.of("pending|guest", "awaiting_payment|guest", "paid|system:payment-reconciliation"),
                sql.column("SELECT status || '|' || actor FROM order_events WHERE order_id = ? ORDER BY at, id",
                        order.placed().id()));
        assertEquals(List.of("system:payment-reconciliation|awaiting_payment>paid"), sql.column("SELECT actor || '|'"
                + " || (metadata->>'from') || '>' || (metadata->>'to') FROM audit_events WHERE tenant_id = ?"
                + " AND action = 'order-status-changed' AND metadata->>'orderId' = ?", shop,
                order.placed().id().toString()));
        assertEquals(1, sql.count("SELECT count(*) FROM outbox WHERE payload::jsonb->>'to' = ?"
                + " AND payload::jsonb->>'template' = 'order-status-update'", order.placed().email()));
        JsonNode email = awaitStatusEmail(order.placed().email(), "paid");
        assertEquals("Reconciled Mugs", email.path("shopName").asText());
        assertEquals(String.valueOf(order.placed().orderNumber()), email.path("data").path("orderNumber").asText());

        // the next period's run finds it paid: nothing is asked or announced again
        clock.advance(Duration.ofMinutes(16));
        job.run();
        assertEquals(1, asked(order));
        assertEquals(1, sql.count("SELECT count(*) FROM order_events WHERE order_id = ? AND status = 'paid'",
                order.placed().id()));
    }

    @Test
    void anOrderAwaitingPaymentForLessThan15MinutesIsNotAskedAbout() {
        CheckedOut order = checkedOut(900, 1);
        StripeStub.intentIs(order.intent(), "succeeded", 900, 900, "EUR", order.placed().id(), shop,
                order.placed().orderNumber(), null);
        clock.advance(Duration.ofMinutes(14));

        drain();

        assertEquals(0, asked(order));
        assertEquals("awaiting_payment", status(order));
        assertNull(sql.single("SELECT payment_checked_at FROM orders WHERE id = ?", order.placed().id()));

        // two minutes later it is due
        clock.advance(Duration.ofMinutes(2));
        reconcileUntilAsked(order);
        assertEquals(1, asked(order));
        assertEquals("paid", status(order));
    }

    @Test
    void aPaymentOfAnotherAmountIsFlaggedAndNotTaken() {
        CheckedOut order = checkedOut(1250, 2);
        StripeStub.intentIs(order.intent(), "succeeded", 2500, 2400, "EUR", order.placed().id(), shop,
                order.placed().orderNumber(), null);
        clock.advance(Duration.ofMinutes(16));

        PaymentReconciliation.Run run = reconcileUntilAsked(order);

        assertTrue(run.ran());
        assertEquals("awaiting_payment", status(order));
        assertNull(sql.single("SELECT paid_at FROM orders WHERE id = ?", order.placed().id()));
        String issue = sql.single("SELECT payment_issue FROM orders WHERE id = ?", order.placed().id());
        assertNotNull(issue);
        assertTrue(issue.contains("amount"), issue);
        assertEquals(List.of("system:payment-reconciliation|" + order.intent()), sql.column("SELECT actor || '|' ||"
                + " (metadata->>'paymentIntentId') FROM audit_events WHERE tenant_id = ? AND action ="
                + " 'payment-mismatch' AND metadata->>'orderId' = ?", shop, order.placed().id().toString()));
        assertEquals(0, sql.count("SELECT count(*) FROM audit_events WHERE tenant_id = ? AND action ="
                + " 'order-status-changed'", shop));
        assertEquals(0, sql.count("SELECT count(*) FROM outbox WHERE payload::jsonb->>'to' = ?"
                + " AND payload::jsonb->>'template' = 'order-status-update'", order.placed().email()));
        assertEquals(List.of(), emails.all(order.placed().email(), "order-status-update"));
    }

    @Test
    void whileStripeIsDownTheOrderIsLeftAsItIsAndTheRunSaysSo() {
        CheckedOut order = checkedOut(600, 1);
        clock.advance(Duration.ofMinutes(16));
        StripeStub.down();

        int unanswered = 0;
        for (int run = 0; run < 50 && checkedAt(order) == null; run++) {
            PaymentReconciliation.Run done = job.run();
            assertTrue(done.ran());
            unanswered += done.unanswered();
            assertEquals(0, done.paid());
        }

        assertNotNull(checkedAt(order), "the job chose the order");
        assertTrue(unanswered >= 1, "unanswered: " + unanswered);
        assertEquals("awaiting_payment|" + order.intent(), sql.single("SELECT status || '|' || payment_intent_id"
                + " FROM orders WHERE id = ?", order.placed().id()));
        assertNull(sql.single("SELECT paid_at FROM orders WHERE id = ?", order.placed().id()));
        assertNull(sql.single("SELECT payment_issue FROM orders WHERE id = ?", order.placed().id()));
        assertEquals(2, sql.count("SELECT count(*) FROM order_events WHERE order_id = ?", order.placed().id()));
    }

    /** A guest's order of {@code quantity} at {@code price}, checked out through the API: awaiting payment now. */
    private CheckedOut checkedOut(long price, int quantity) {
        PlacedOrders.Placed order = placed.guestOrder(shop, "recon-" + UUID.randomUUID() + "@example.com", price,
                null, quantity);
        String intent = StripeStub.acceptCheckout(order.id(), shop, order.orderNumber(), price * quantity, "EUR");
        given().header("X-Order-Token", order.token()).header("Idempotency-Key", "checkout")
                .post("/api/v1/orders/{id}/checkout", order.id()).then().statusCode(200);
        StripeStub.client().resetRequests();
        return new CheckedOut(order, intent);
    }

    private record CheckedOut(PlacedOrders.Placed placed, String intent) {
    }

    /**
     * Runs the job until it has asked Stripe about {@code order}: orders other tests left awaiting payment come first
     * (oldest checkout first, a batch per run). Answers the run that asked.
     */
    private PaymentReconciliation.Run reconcileUntilAsked(CheckedOut order) {
        for (int run = 0; run < 50; run++) {
            PaymentReconciliation.Run done = job.run();
            if (asked(order) > 0 || done.checked() == 0) {
                return done;
            }
        }
        throw new AssertionError("the job never asked about order " + order.placed().id());
    }

    /** Runs the job until a run finds nothing more to ask about. */
    private void drain() {
        for (int run = 0; run < 50; run++) {
            PaymentReconciliation.Run done = job.run();
            assertTrue(done.ran());
            if (done.checked() == 0) {
                return;
            }
        }
        throw new AssertionError("the job kept finding orders to ask about");
    }

    private int asked(CheckedOut order) {
        return StripeStub.client().find(getRequestedFor(urlPathEqualTo(StripeStub.INTENTS + "/" + order.intent())))
                .size();
    }

    private String status(CheckedOut order) {
        return sql.single("SELECT status FROM orders WHERE id = ?", order.placed().id());
    }

    private String checkedAt(CheckedOut order) {
        return sql.single("SELECT payment_checked_at FROM orders WHERE id = ?", order.placed().id());
    }

    private JsonNode awaitStatusEmail(String to, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> emails.all(to, "order-status-update").stream()
                .anyMatch(email -> status.equals(email.path("data").path("status").asText())));
        return emails.all(to, "order-status-update").stream()
                .filter(email -> status.equals(email.path("data").path("status").asText())).findFirst().orElseThrow();
    }
}
