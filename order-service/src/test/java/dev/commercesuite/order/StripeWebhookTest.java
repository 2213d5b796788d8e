package dev.commercesuite.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.CapturedEmails;
import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code POST /api/v1/webhooks/stripe}: the signature is checked before anything is read (missing, malformed, wrong
 * secret, tampered, too old, from the future: 400, audited, nothing stored), secrets rotate, each event id counts
 * once, events out of order end where they should, and a payment that does not match its order never pays it.
 */
@QuarkusTest
class StripeWebhookTest {

    @Inject
    PlacedOrders placed;

    @Inject
    DataSource dataSource;

    private Sql sql;
    private UUID shop;

    @BeforeEach
    void shop() {
        sql = new Sql(dataSource);
        CapturedEmails.accepting();
        StripeStub.reset();
        shop = UUID.randomUUID();
        IdentityStub.shop(shop, "hook-" + shop.toString().substring(0, 8), "Hooked", "pro", "active");
    }

    @Test
    void badSignaturesAreRefusedBeforeAnythingIsReadAndAudited() {
        Checkout order = checkedOut();
        String event = StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), order.intent(), 700, "eur",
                order.id(), shop);
        long now = Instant.now().getEpochSecond();
        String secret = StripeStub.WEBHOOK_SECRET;
        String v1 = StripeWebhookCalls.v1(event, secret, now);
        Map<String, String> signatures = Map.ofEntries(
                Map.entry("missing", ""),
                Map.entry("malformed", "this is not a signature"),
                Map.entry("no v1", "t=" + now + ",v0=" + v1),
                Map.entry("wrong secret", "t=" + now + ",v1=" + StripeWebhookCalls.v1(event, "whsec_other_0123", now)),
                Map.entry("tampered", "t=" + now + ",v1=" + StripeWebhookCalls.v1(event.replace("700", "1"), secret,
                        now)),
                Map.entry("too old", "t=" + (now - 301) + ",v1=" + StripeWebhookCalls.v1(event, secret, now - 301)),
                Map.entry("future", "t=" + (now + 330) + ",v1=" + StripeWebhookCalls.v1(event, secret, now + 330)),
                Map.entry("spaced", "t=" + now + " ,v1=" + v1),
                Map.entry("t twice", "t=x,t=" + now + ",v1=" + v1),
                Map.entry("bare t", "t,t=" + now + ",v1=" + v1),
                Map.entry("another time", "t=" + (now - 5) + ",v1=" + v1));
        long audited = rejections();
        for (Map.Entry<String, String> signature : signatures.entrySet()) {
            io.restassured.response.Response answer = StripeWebhookCalls.deliver(event,
                    signature.getValue().isEmpty() ? null : signature.getValue());
            assertEquals(400, answer.statusCode(), signature.getKey() + ": " + answer.asString());
            answer.then().contentType("application/problem+json")
                    .body("type", equalTo("https://commercesuite.dev/problems/invalid-signature"))
                    .body("detail", not(containsString("whsec")));
        }
        assertEquals(audited + signatures.size(), rejections(), "each rejection audited");
        assertEquals(0, sql.count("SELECT count(*) FROM stripe_events WHERE type = 'payment_intent.succeeded'"
                + " AND order_id = ?", order.id()));
        assertEquals("awaiting_payment", status(order));
        // a correctly signed body that is no event: refused after the signature, storing nothing
        StripeWebhookCalls.deliver("{\"id\":12,\"type\":[]}").then().statusCode(400)
                .body("type", equalTo("https://commercesuite.dev/problems/invalid-event"));
        StripeWebhookCalls.deliver("not json at all").then().statusCode(400)
                .body("type", equalTo("https://commercesuite.dev/problems/invalid-event"));
    }

    @Test
    void signaturesOfARotatedSecretAndSeveralV1ValuesAreAccepted() {
        Checkout first = checkedOut();
        String event = StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), first.intent(), 700, "eur",
                first.id(), shop);
        long now = Instant.now().getEpochSecond();
        StripeWebhookCalls.deliver(event, "t=" + now + ",v1=" + StripeWebhookCalls.v1(event,
                StripeStub.OLD_WEBHOOK_SECRET, now)).then().statusCode(200).body("outcome", equalTo("paid"));

        Checkout second = checkedOut();
        String next = StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), second.intent(), 700, "eur",
                second.id(), shop);
        StripeWebhookCalls.deliver(next, "t=" + now + ",v1=" + "ab".repeat(32) + ",v1="
                + StripeWebhookCalls.v1(next, StripeStub.WEBHOOK_SECRET, now) + ",v0=zz")
                .then().statusCode(200).body("outcome", equalTo("paid"));
    }

    @Test
    void anEventCountsOnceEvenWhenDeliveredTwiceAtOnce() throws Exception {
        Checkout order = checkedOut();
        String event = StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), order.intent(), 700, "eur",
                order.id(), shop);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Callable<String>> deliveries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            deliveries.add(() -> StripeWebhookCalls.deliver(event).then().statusCode(200).extract()
                    .path("outcome"));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<String> outcome : pool.invokeAll(deliveries)) {
            outcomes.add(outcome.get());
        }
        pool.shutdown();
        assertEquals(1, outcomes.stream().filter("paid"::equals).count(), outcomes.toString());
        assertEquals(5, outcomes.stream().filter("replayed"::equals).count(), outcomes.toString());
        StripeWebhookCalls.deliver(event).then().statusCode(200).body("outcome", equalTo("replayed"));
        assertEquals(1, sql.count("SELECT count(*) FROM order_events WHERE order_id = ? AND status = 'paid'",
                order.id()));
        assertEquals(1, sql.count("SELECT count(*) FROM outbox WHERE payload::text LIKE ? AND payload::text LIKE ?",
                "%" + order.id() + "%", "%paid%"));
        // the same payment told again under a new event id changes nothing either
        StripeWebhookCalls.deliver(StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), order.intent(), 700,
                "eur", order.id(), shop)).then().statusCode(200).body("outcome", equalTo("unchanged"));
    }

    @Test
    void eventsOutOfOrderEndWhereTheyShould() {
        // a failure reported after the success does not take the payment back
        Checkout paid = checkedOut();
        StripeWebhookCalls.deliver(StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), paid.intent(), 700,
                "eur", paid.id(), shop)).then().body("outcome", equalTo("paid"));
        StripeWebhookCalls.deliver(StripeWebhookCalls.failed(StripeWebhookCalls.eventId(), paid.intent(), 700, "eur",
                paid.id(), shop, "insufficient_funds")).then().statusCode(200).body("outcome", equalTo("unchanged"));
        assertEquals("paid", status(paid));

        // a refund that overtakes the news of its payment: paid, then refunded; the late success changes nothing
        Checkout refunded = checkedOut();
        StripeWebhookCalls.deliver(StripeWebhookCalls.refunded(StripeWebhookCalls.eventId(), refunded.intent(), 700,
                700, "eur")).then().statusCode(200).body("outcome", equalTo("refunded"));
        StripeWebhookCalls.deliver(StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), refunded.intent(), 700,
                "eur", refunded.id(), shop)).then().statusCode(200).body("outcome", equalTo("unchanged"));
        assertEquals("refunded", status(refunded));
        assertEquals(List.of("pending", "awaiting_payment", "paid", "refunded"), sql.column("SELECT status FROM"
                + " order_events WHERE order_id = ? ORDER BY at, id", refunded.id()));

        // a failed attempt keeps the order awaiting payment, with the reason on its timeline; success still pays
        Checkout retried = checkedOut();
        StripeWebhookCalls.deliver(StripeWebhookCalls.failed(StripeWebhookCalls.eventId(), retried.intent(), 700,
                "eur", retried.id(), shop, "insufficient_funds")).then().statusCode(200)
                .body("outcome", equalTo("failed"));
        assertEquals("awaiting_payment|card_declined (insufficient_funds)", sql.single("SELECT status || '|' ||"
                + " payment_failure FROM orders WHERE id = ?", retried.id()));
        given().queryParam("token", retried.token()).get("/api/v1/orders/{id}/status", retried.id())
                .then().statusCode(200).body("paymentFailure", equalTo("card_declined (insufficient_funds)"))
                .body("timeline[2].note", containsString("Payment failed: card_declined (insufficient_funds)"));
        StripeWebhookCalls.deliver(StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), retried.intent(), 700,
                "eur", retried.id(), shop)).then().body("outcome", equalTo("paid"));
        assertNull(sql.single("SELECT payment_failure FROM orders WHERE id = ?", retried.id()));
    }

    @Test
    void aPaymentThatDoesNotMatchItsOrderNeverPaysIt() {
        UUID otherShop = UUID.randomUUID();
        Map<String, java.util.function.Function<Checkout, String>> mismatches = Map.of(
                "amount", order -> StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), order.intent(), 699,
                        "eur", order.id(), shop),
                "currency", order -> StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), order.intent(), 700,
                        "usd", order.id(), shop),
                "shop", order -> StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), order.intent(), 700,
                        "eur", order.id(), otherShop),
                "order", order -> StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), order.intent(), 700,
                        "eur", UUID.randomUUID(), shop));
        String staff = TestTokens.user(UUID.randomUUID().toString(), "staff@example.com", shop.toString(),
                Set.of("staff"));
        for (Map.Entry<String, java.util.function.Function<Checkout, String>> mismatch : mismatches.entrySet()) {
            Checkout order = checkedOut();
            StripeWebhookCalls.deliver(mismatch.getValue().apply(order)).then().statusCode(200)
                    .body("outcome", equalTo("flagged"));
            assertEquals("awaiting_payment", status(order), mismatch.getKey());
            assertNull(sql.single("SELECT paid_at FROM orders WHERE id = ?", order.id()), mismatch.getKey());
            String issue = sql.single("SELECT payment_issue FROM orders WHERE id = ?", order.id());
            assertTrue(issue != null && issue.contains(mismatch.getKey()), mismatch.getKey() + ": " + issue);
            assertEquals(1, sql.count("SELECT count(*) FROM audit_events WHERE tenant_id = ? AND action ="
                    + " 'payment-mismatch' AND metadata->>'orderId' = ?", shop, order.id().toString()));
            given().auth().oauth2(staff).get("/api/v1/orders/{id}", order.id()).then().statusCode(200)
                    .body("paymentIssue", containsString(mismatch.getKey()));
        }
        // a payment for an order already cancelled is not taken either: it is flagged for the staff to refund
        Checkout cancelled = checkedOut();
        sql.execute("UPDATE orders SET status = 'cancelled' WHERE id = ?", cancelled.id());
        StripeWebhookCalls.deliver(StripeWebhookCalls.succeeded(StripeWebhookCalls.eventId(), cancelled.intent(),
                700, "eur", cancelled.id(), shop)).then().statusCode(200).body("outcome", equalTo("flagged"));
        assertEquals("cancelled", status(cancelled));
    }

    @Test
    void eventsAboutNoOrderOrOfOtherKindsAreTakenAndChangeNothing() {
        String unknown = StripeWebhookCalls.eventId();
        StripeWebhookCalls.deliver(StripeWebhookCalls.succeeded(unknown, "pi_test_nobody", 700, "eur",
                UUID.randomUUID(), shop)).then().statusCode(200).body("outcome", equalTo("unknown-order"));
        assertEquals("unknown-order", sql.single("SELECT outcome FROM stripe_events WHERE id = ?", unknown));
        String other = StripeWebhookCalls.eventId();
        StripeWebhookCalls.deliver("{\"id\":\"" + other + "\",\"object\":\"event\",\"type\":\"customer.created\","
                + "\"data\":{\"object\":{\"id\":\"cus_1\",\"object\":\"customer\"}}}")
                .then().statusCode(200).body("outcome", equalTo("ignored"));
        // a metadata order id that is no UUID is no order
        StripeWebhookCalls.deliver(StripeWebhookCalls.intentEvent(StripeWebhookCalls.eventId(),
                "payment_intent.succeeded", "{\"id\":\"pi_test_x\",\"object\":\"payment_intent\",\"amount\":1,"
                        + "\"amount_received\":1,\"currency\":\"eur\",\"status\":\"succeeded\",\"metadata\":"
                        + "{\"orderId\":\"' OR 1=1 --\"}}"))
                .then().statusCode(200).body("outcome", equalTo("unknown-order"));
    }

    /** An order of 700 (EUR) checked out through the API: awaiting payment with the stub's PaymentIntent. */
    private record Checkout(UUID id, String token, String intent) {
    }

    private Checkout checkedOut() {
        PlacedOrders.Placed order = placed.guestOrder(shop, "hook-" + UUID.randomUUID() + "@example.com", 700, null,
                1);
        String intent = StripeStub.acceptCheckout(order.id(), shop, order.orderNumber(), 700, "EUR");
        given().header("X-Order-Token", order.token()).header("Idempotency-Key", "k")
                .post("/api/v1/orders/{id}/checkout", order.id()).then().statusCode(200);
        return new Checkout(order.id(), order.token(), intent);
    }

    private String status(Checkout order) {
        return sql.single("SELECT status FROM orders WHERE id = ?", order.id());
    }

    private long rejections() {
        return sql.count("SELECT count(*) FROM audit_events WHERE action = 'webhook-signature-rejected'");
    }
}
