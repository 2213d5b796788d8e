package dev.commercesuite.localrun;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;

/**
 * The Stripe test double './suite up' runs (WireMock with the mappings in {@code stripe/}), driven through the Stripe
 * SDK order-service uses, with the calls and headers of the payments contract: every answer must parse into the
 * SDK's objects with the values order-service relies on.
 */
class StripeDoubleTest {

    private static final Path STRIPE = Path.of(System.getProperty("basedir", ".")).resolve("stripe");
    private static final String TENANT = "0190a6c4-0000-7000-8000-00000000c001";

    private static WireMockServer stripeDouble;
    private static StripeClient stripe;

    @BeforeAll
    static void startDouble() {
        stripeDouble = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .usingFilesUnderDirectory(STRIPE.toString()));
        stripeDouble.start();
        stripe = StripeClient.builder().setApiKey("sk_test_local_double")
                .setApiBase("http://127.0.0.1:" + stripeDouble.port()).build();
    }

    @AfterAll
    static void stopDouble() {
        stripeDouble.stop();
    }

    @BeforeEach
    void forgetPaidIntents() {
        stripeDouble.resetToDefaultMappings();
    }

    @Test
    void createdPaymentIntentEchoesTheOrderAndTakesItsIdFromTheIdempotencyKey() throws StripeException {
        UUID order = UUID.randomUUID();

        PaymentIntent intent = checkout(order, 1250, "EUR", 1001);

        String id = "pi_local_" + order.toString().replace("-", "");
        assertEquals(id, intent.getId());
        assertEquals("payment_intent", intent.getObject());
        assertEquals(1250L, intent.getAmount());
        assertEquals(0L, intent.getAmountReceived());
        assertEquals("eur", intent.getCurrency());
        assertEquals("requires_payment_method", intent.getStatus());
        assertEquals(id + "_secret_local", intent.getClientSecret());
        assertEquals("Order 1001", intent.getDescription());
        assertEquals(Map.of("orderId", order.toString(), "tenantId", TENANT, "orderNumber", "1001"),
                intent.getMetadata());
        assertEquals(Boolean.TRUE, intent.getAutomaticPaymentMethods().getEnabled());
        assertEquals(Boolean.FALSE, intent.getLivemode());
    }

    @Test
    void repeatedCheckoutOfAnOrderGivesTheSamePaymentIntentAndAnotherOrderAnotherOne() throws StripeException {
        UUID order = UUID.randomUUID();

        String first = checkout(order, 990, "USD", 1002).getId();
        String again = checkout(order, 990, "USD", 1002).getId();
        String other = checkout(UUID.randomUUID(), 990, "USD", 1003).getId();

        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    @Test
    void retrievedPaymentIntentIsTheOneCreatedStillWaitingForAPaymentMethod() throws StripeException {
        UUID order = UUID.randomUUID();
        String id = checkout(order, 1250, "EUR", 1004).getId();

        // the double remembers a creation through its own admin API, just after answering it
        PaymentIntent intent = await().atMost(Duration.ofSeconds(10))
                .until(() -> stripe.v1().paymentIntents().retrieve(id), retrieved -> retrieved.getAmount() != 0);

        assertEquals(id, intent.getId());
        assertEquals("requires_payment_method", intent.getStatus());
        assertEquals(1250L, intent.getAmount());
        assertEquals("eur", intent.getCurrency());
        assertEquals(0L, intent.getAmountReceived());
        assertNull(intent.getLastPaymentError());
        assertEquals(Map.of("orderId", order.toString(), "tenantId", TENANT, "orderNumber", "1004"),
                intent.getMetadata());
    }

    @Test
    void paymentIntentTheDoubleNeverMadeIsRetrievedWithoutAnAmount() throws StripeException {
        PaymentIntent intent = stripe.v1().paymentIntents().retrieve("pi_3Abc");

        assertEquals("pi_3Abc", intent.getId());
        assertEquals("requires_payment_method", intent.getStatus());
        assertEquals(0L, intent.getAmount());
    }

    @Test
    void cancelledPaymentIntentIsCanceledForTheReasonGiven() throws StripeException {
        UUID order = UUID.randomUUID();
        String id = checkout(order, 1250, "EUR", 1005).getId();

        PaymentIntent intent = stripe.v1().paymentIntents().cancel(id,
                PaymentIntentCancelParams.builder()
                        .setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED).build(),
                RequestOptions.builder().setIdempotencyKey("order-" + order + "-cancel").build());

        assertEquals(id, intent.getId());
        assertEquals("canceled", intent.getStatus());
        assertEquals("abandoned", intent.getCancellationReason());
    }

    @Test
    void refundSucceedsForThePaymentIntentNamed() throws StripeException {
        UUID order = UUID.randomUUID();
        String id = checkout(order, 1250, "EUR", 1006).getId();

        Refund refund = refund(order, id);

        assertEquals("re_local_" + order.toString().replace("-", ""), refund.getId());
        assertEquals("refund", refund.getObject());
        assertEquals(id, refund.getPaymentIntent());
        assertEquals("succeeded", refund.getStatus());
        assertEquals(order.toString(), refund.getMetadata().get("orderId"));
    }

    @Test
    void paidIntentStubsOfSuitePayAnswerWithTheOrdersAmountAndRefuseCancellation() throws Exception {
        UUID order = UUID.randomUUID();
        String id = checkout(order, 4200, "USD", 1007).getId();

        registerPaidIntent(order, id, 4200, "usd", 1007);

        PaymentIntent paid = stripe.v1().paymentIntents().retrieve(id);
        assertEquals("succeeded", paid.getStatus());
        assertEquals(4200L, paid.getAmount());
        assertEquals(4200L, paid.getAmountReceived());
        assertEquals("usd", paid.getCurrency());
        assertEquals(Map.of("orderId", order.toString(), "tenantId", TENANT, "orderNumber", "1007"),
                paid.getMetadata());
        Refund refund = refund(order, id);
        assertEquals(4200L, refund.getAmount());
        assertEquals("usd", refund.getCurrency());
        assertEquals("succeeded", refund.getStatus());
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> stripe.v1().paymentIntents().cancel(id));
        assertEquals(400, refused.getStatusCode());
        assertEquals("payment_intent_unexpected_state", refused.getCode());
        // another order's intent is not paid by it
        String other = checkout(UUID.randomUUID(), 4200, "USD", 1008).getId();
        assertEquals("requires_payment_method", stripe.v1().paymentIntents().retrieve(other).getStatus());
    }

    @Test
    void paymentIntentWithoutAmountIsRefusedAsStripeRefusesIt() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setCurrency("eur")
                        .build()));

        assertEquals(400, refused.getStatusCode());
        assertEquals("parameter_missing", refused.getCode());
        assertEquals("amount", refused.getParam());
    }

    @Test
    void callsTheDoubleDoesNotFakeAreUnrecognizedNotAnswered() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> stripe.v1().customers().retrieve("cus_123"));

        assertEquals(404, refused.getStatusCode());
    }

    @Test
    void requestWithoutAnApiKeyIsUnauthorized() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + stripeDouble.port() + "/v1/payment_intents/pi_local_x")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(401, answer.statusCode());
    }

    private static PaymentIntent checkout(UUID order, long amount, String currency, long orderNumber)
            throws StripeException {
        return stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                        .setAmount(amount)
                        .setCurrency(currency.toLowerCase(Locale.ROOT))
                        .putMetadata("orderId", order.toString())
                        .putMetadata("tenantId", TENANT)
                        .putMetadata("orderNumber", Long.toString(orderNumber))
                        .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                                .setEnabled(true).build())
                        .setDescription("Order " + orderNumber)
                        .build(),
                RequestOptions.builder().setIdempotencyKey("order-" + order + "-checkout").build());
    }

    private static Refund refund(UUID order, String intent) throws StripeException {
        return stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intent)
                        .putMetadata("orderId", order.toString()).build(),
                RequestOptions.builder().setIdempotencyKey("order-" + order + "-refund").build());
    }

    /** What './suite pay' tells the double: stripe/paid-intent-stubs.json with the order's values filled in. */
    private static void registerPaidIntent(UUID order, String intent, long amount, String currency, long orderNumber)
            throws IOException, InterruptedException {
        String stubs = Files.readString(STRIPE.resolve("paid-intent-stubs.json"))
                .replace("@ORDER_ID@", order.toString())
                .replace("@PAYMENT_INTENT@", intent)
                .replace("@AMOUNT@", Long.toString(amount))
                .replace("@CURRENCY@", currency)
                .replace("@TENANT_ID@", TENANT)
                .replace("@ORDER_NUMBER@", Long.toString(orderNumber))
                .replace("@CHARGE@", "ch_local_" + order.toString().replace("-", ""));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + stripeDouble.port() + "/__admin/mappings/import"))
                        .POST(HttpRequest.BodyPublishers.ofString(stubs)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
    }
}
