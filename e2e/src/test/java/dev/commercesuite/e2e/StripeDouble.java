package dev.commercesuite.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * Stripe, as far as order-service talks to it: its HTTP API played by WireMock on a free local port (order-service's
 * real Stripe SDK is pointed at it with {@code STRIPE_API_BASE}), and its webhook deliveries, signed here with the
 * endpoint's secret ({@code STRIPE_WEBHOOK_SECRET}, generated for each run) the way Stripe signs them:
 * {@code t=<unix time>,v1=<hex HMAC-SHA256(secret, "t.body")>}. A call nobody registered answers 500.
 */
final class StripeDouble implements AutoCloseable {

    static final String SECRET_KEY = "sk_test_e2e_not_a_real_key";
    static final String PUBLISHABLE_KEY = "pk_test_e2e_not_a_real_key";
    private static final String INTENTS = "/v1/payment_intents";

    private final WireMockServer server;
    private final String webhookSecret;

    private StripeDouble(WireMockServer server, String webhookSecret) {
        this.server = server;
        this.webhookSecret = webhookSecret;
    }

    static StripeDouble start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(any(urlPathMatching("/v1/.*")).atPriority(100).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"not expected by this journey\"}}")));
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return new StripeDouble(server, "whsec_" + HexFormat.of().formatHex(secret));
    }

    /** Where order-service finds Stripe's API ({@code STRIPE_API_BASE}). */
    String apiBase() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The webhook endpoint's signing secret order-service is given ({@code STRIPE_WEBHOOK_SECRET}). */
    String webhookSecret() {
        return webhookSecret;
    }

    /**
     * Stripe creates the PaymentIntent of order {@code orderId} when asked with the order's own idempotency key, for
     * {@code amount} of {@code currency}, waiting for the card. Answers the PaymentIntent's id.
     */
    String acceptCheckout(String orderId, String tenantId, long orderNumber, long amount, String currency) {
        String id = "pi_e2e_" + orderId.replace("-", "");
        server.stubFor(post(urlEqualTo(INTENTS)).atPriority(1)
                .withHeader("Idempotency-Key", equalTo("order-" + orderId + "-checkout"))
                .willReturn(ok(intent(id, "requires_payment_method", amount, 0, currency, orderId, tenantId,
                        orderNumber))));
        return id;
    }

    /** Stripe refunds PaymentIntent {@code intentId} of order {@code orderId} in full at once. */
    void refundSucceeds(String intentId, String orderId, long amount, String currency) {
        server.stubFor(post(urlEqualTo("/v1/refunds")).atPriority(1)
                .withHeader("Idempotency-Key", equalTo("order-" + orderId + "-refund"))
                .willReturn(ok("{\"id\":\"re_e2e_" + orderId.replace("-", "") + "\",\"object\":\"refund\","
                        + "\"amount\":" + amount + ",\"currency\":\"" + currency.toLowerCase(Locale.ROOT) + "\","
                        + "\"payment_intent\":\"" + intentId + "\",\"status\":\"succeeded\"}")));
    }

    /** How many refunds order-service asked Stripe for. */
    int refundsAsked() {
        return server.findAll(postRequestedFor(urlEqualTo("/v1/refunds"))).size();
    }

    /** Stripe's {@code payment_intent.succeeded} event: PaymentIntent {@code intentId} was paid in full. */
    String succeeded(String intentId, long amount, String currency, String orderId, String tenantId,
            long orderNumber) {
        byte[] eventId = new byte[12];
        new SecureRandom().nextBytes(eventId);
        return "{\"id\":\"evt_e2e_" + HexFormat.of().formatHex(eventId) + "\",\"object\":\"event\","
                + "\"api_version\":\"2026-07-29.dahlia\",\"created\":" + Instant.now().getEpochSecond() + ","
                + "\"livemode\":false,\"pending_webhooks\":1,\"type\":\"payment_intent.succeeded\","
                + "\"data\":{\"object\":" + intent(intentId, "succeeded", amount, amount, currency, orderId, tenantId,
                        orderNumber) + "}}";
    }

    /** The {@code Stripe-Signature} header Stripe would send with {@code payload} now. */
    String signature(String payload) {
        long now = Instant.now().getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + now + ",v1=" + HexFormat.of().formatHex(mac.doFinal((now + "." + payload)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String intent(String id, String status, long amount, long amountReceived, String currency,
            String orderId, String tenantId, long orderNumber) {
        return "{\"id\":\"" + id + "\",\"object\":\"payment_intent\",\"amount\":" + amount + ",\"amount_received\":"
                + amountReceived + ",\"currency\":\"" + currency.toLowerCase(Locale.ROOT) + "\",\"status\":\""
                + status + "\",\"client_secret\":\"" + id + "_secret_e2e\",\"livemode\":false,"
                + "\"last_payment_error\":null,\"metadata\":{\"orderId\":\"" + orderId + "\",\"tenantId\":\""
                + tenantId + "\",\"orderNumber\":\"" + orderNumber + "\"}}";
    }

    private static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Override
    public void close() {
        server.stop();
    }
}
