package dev.commercesuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;

import dev.commercesuite.defaults.testing.StubbedService;

/**
 * Stripe's API, stubbed with WireMock at its HTTP API: order-service's real Stripe SDK talks to it. Every call a test
 * did not register answers 500 (so a missing stub is a failure, never a silent success). Webhook deliveries are
 * signed with {@link #WEBHOOK_SECRET} (see {@link StripeWebhookCalls}).
 */
public class StripeStub extends StubbedService {

    static final String PORT_PROPERTY = "commercesuite.test.stripe-stub-port";
    /** The webhook signing secrets order-service takes in tests: the current one, and one being rotated out. */
    static final String WEBHOOK_SECRET = "whsec_test_current_0123456789abcdef";
    static final String OLD_WEBHOOK_SECRET = "whsec_test_previous_0123456789abcdef";
    static final String PUBLISHABLE_KEY = "pk_test_stub_publishable";
    static final String INTENTS = "/v1/payment_intents";

    @Override
    protected String portProperty() {
        return PORT_PROPERTY;
    }

    @Override
    protected Map<String, String> config(String baseUrl) {
        Map<String, String> config = new HashMap<>();
        config.put("stripe.api-base", baseUrl);
        config.put("stripe.secret-key", "sk_test_stub_secret_not_a_real_key");
        config.put("stripe.publishable-key", PUBLISHABLE_KEY);
        config.put("stripe.webhook-secret", WEBHOOK_SECRET + "," + OLD_WEBHOOK_SECRET);
        config.put("stripe.timeout", "2S");
        config.put("dev.commercesuite.order.client.StripeApi/call/Timeout/value", "1500");
        return config;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        reset();
        return config;
    }

    static WireMock client() {
        return new WireMock("127.0.0.1", port(PORT_PROPERTY));
    }

    /** Forgets every stub and request: any call to Stripe answers 500 until a test registers what it expects. */
    static void reset() {
        WireMock stripe = client();
        stripe.resetMappings();
        stripe.resetRequests();
        stripe.register(WireMock.any(urlPathMatching("/v1/.*")).atPriority(100).willReturn(aResponse()
                .withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"not stubbed in this test\"}}")));
    }

    /** The id the stub gives the PaymentIntent of order {@code orderId}. */
    static String intentId(UUID orderId) {
        return "pi_test_" + orderId.toString().replace("-", "");
    }

    /**
     * Stripe creates (and, for a repeat with the same idempotency key, answers again) order {@code orderId}'s
     * PaymentIntent: the answer echoes the order's amount, currency and metadata, status requires_payment_method.
     */
    static String acceptCheckout(UUID orderId, UUID tenantId, long orderNumber, long amount, String currency) {
        String id = intentId(orderId);
        client().register(post(urlEqualTo(INTENTS)).atPriority(1)
                .withHeader("Idempotency-Key", equalTo("order-" + orderId + "-checkout"))
                .willReturn(okStripe(intent(id, "requires_payment_method", amount, 0, currency, orderId, tenantId,
                        orderNumber, null))));
        intentIs(id, "requires_payment_method", amount, 0, currency, orderId, tenantId, orderNumber, null);
        return id;
    }

    /** GET of PaymentIntent {@code id} answers it in {@code status} (with {@code declineCode} on a failure). */
    static void intentIs(String id, String status, long amount, long amountReceived, String currency, UUID orderId,
            UUID tenantId, long orderNumber, String declineCode) {
        client().register(get(urlPathEqualTo(INTENTS + "/" + id)).atPriority(1)
                .willReturn(okStripe(intent(id, status, amount, amountReceived, currency, orderId, tenantId,
                        orderNumber, declineCode))));
    }

    /** Cancelling PaymentIntent {@code id} works: it answers the intent, canceled. */
    static void cancelWorks(String id, long amount, String currency, UUID orderId, UUID tenantId, long number) {
        client().register(post(urlEqualTo(INTENTS + "/" + id + "/cancel")).atPriority(1)
                .willReturn(okStripe(intent(id, "canceled", amount, 0, currency, orderId, tenantId, number, null))));
    }

    /** Cancelling PaymentIntent {@code id} is refused as Stripe refuses it once the payment succeeded. */
    static void cancelRefusedAsSucceeded(String id) {
        client().register(post(urlEqualTo(INTENTS + "/" + id + "/cancel")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"code\":"
                                + "\"payment_intent_unexpected_state\",\"message\":\"You cannot cancel this"
                                + " PaymentIntent because it has a status of succeeded.\"}}")));
    }

    /** A refund of PaymentIntent {@code id} answers {@code status} ({@code succeeded}, {@code pending}). */
    static void refundAnswers(String id, UUID orderId, long amount, String currency, String status) {
        client().register(post(urlEqualTo("/v1/refunds")).atPriority(1)
                .withHeader("Idempotency-Key", equalTo("order-" + orderId + "-refund"))
                .willReturn(okStripe("{\"id\":\"re_test_" + orderId.toString().replace("-", "") + "\","
                        + "\"object\":\"refund\",\"amount\":" + amount + ",\"currency\":\""
                        + currency.toLowerCase(Locale.ROOT) + "\",\"payment_intent\":\"" + id + "\",\"status\":\""
                        + status + "\"}")));
    }

    /** Creating a PaymentIntent is declined as Stripe declines a card (402 card_error). */
    static void checkoutDeclined(String declineCode) {
        client().register(post(urlEqualTo(INTENTS)).atPriority(1)
                .willReturn(aResponse().withStatus(402).withHeader("Content-Type", "application/json")
                        .withHeader("Request-Id", "req_internal_123")
                        .withBody("{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\",\"decline_code\":\""
                                + declineCode + "\",\"message\":\"Your card was declined."
                                + " (internal id ch_secret_9)\"}}")));
    }

    /** Every call to Stripe fails: the connection is reset. */
    static void down() {
        client().register(WireMock.any(urlPathMatching("/v1/.*")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    /** Every call to Stripe answers after {@code millis}. */
    static void slow(int millis) {
        client().register(WireMock.any(urlPathMatching("/v1/.*")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withFixedDelay(millis)));
    }

    /** How many PaymentIntents were asked for (POST /v1/payment_intents). */
    static int creations() {
        return client().find(postRequestedFor(urlEqualTo(INTENTS))).size();
    }

    static String intent(String id, String status, long amount, long amountReceived, String currency, UUID orderId,
            UUID tenantId, long orderNumber, String declineCode) {
        String error = declineCode == null ? "null" : "{\"type\":\"card_error\",\"code\":\"card_declined\","
                + "\"decline_code\":\"" + declineCode + "\",\"message\":\"Your card was declined.\"}";
        return "{\"id\":\"" + id + "\",\"object\":\"payment_intent\",\"amount\":" + amount + ",\"amount_received\":"
                + amountReceived + ",\"currency\":\"" + currency.toLowerCase(Locale.ROOT) + "\",\"status\":\""
                + status + "\",\"client_secret\":\"" + id + "_secret_test\",\"livemode\":false,"
                + "\"last_payment_error\":" + error + ",\"metadata\":{\"orderId\":\"" + orderId
                + "\",\"tenantId\":\"" + tenantId + "\",\"orderNumber\":\"" + orderNumber + "\"}}";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okStripe(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_test").withBody(body);
    }

    static int port() {
        return port(PORT_PROPERTY);
    }
}
