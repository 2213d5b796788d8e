package dev.commercesuite.order;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.restassured.response.Response;

/**
 * Stripe's webhook deliveries as Stripe sends them: the event JSON and a {@code Stripe-Signature} computed here
 * (independently of the SDK the service verifies with): {@code t=<time>,v1=<hex HMAC-SHA256(secret, t.body)>}.
 */
final class StripeWebhookCalls {

    static final String PATH = "/api/v1/webhooks/stripe";

    private StripeWebhookCalls() {
    }

    /** {@code v1} of {@code payload} signed at {@code at} with {@code secret}. */
    static String v1(String payload, String secret, long at) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((at + "." + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header Stripe sends now for {@code payload}. */
    static String signature(String payload) {
        long now = Instant.now().getEpochSecond();
        return "t=" + now + ",v1=" + v1(payload, StripeStub.WEBHOOK_SECRET, now);
    }

    /** Delivers {@code payload} with {@code signature} (none when null). */
    static Response deliver(String payload, String signature) {
        var request = given().contentType("application/json; charset=utf-8").body(payload);
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return request.post(PATH);
    }

    /** Delivers {@code payload} signed correctly, now. */
    static Response deliver(String payload) {
        return deliver(payload, signature(payload));
    }

    /** A {@code payment_intent.*} event about PaymentIntent {@code intentJson} (as {@link StripeStub#intent}). */
    static String intentEvent(String eventId, String type, String intentJson) {
        return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"2026-07-29.dahlia\","
                + "\"created\":" + Instant.now().getEpochSecond() + ",\"livemode\":false,\"pending_webhooks\":1,"
                + "\"type\":\"" + type + "\",\"data\":{\"object\":" + intentJson + "}}";
    }

    /** {@code payment_intent.succeeded} for {@code amountReceived} of {@code currency}, naming order and shop. */
    static String succeeded(String eventId, String intentId, long amountReceived, String currency, UUID orderId,
            UUID tenantId) {
        return intentEvent(eventId, "payment_intent.succeeded", StripeStub.intent(intentId, "succeeded",
                amountReceived, amountReceived, currency, orderId, tenantId, 0, null));
    }

    /** {@code payment_intent.payment_failed} with a card decline. */
    static String failed(String eventId, String intentId, long amount, String currency, UUID orderId, UUID tenantId,
            String declineCode) {
        return intentEvent(eventId, "payment_intent.payment_failed", StripeStub.intent(intentId,
                "requires_payment_method", amount, 0, currency, orderId, tenantId, 0, declineCode));
    }

    /** {@code charge.refunded}: the charge of PaymentIntent {@code intentId}, {@code refunded} of {@code amount}. */
    static String refunded(String eventId, String intentId, long amount, long refunded, String currency) {
        return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"2026-07-29.dahlia\","
                + "\"created\":" + Instant.now().getEpochSecond() + ",\"livemode\":false,\"type\":\"charge.refunded\","
                + "\"data\":{\"object\":{\"id\":\"ch_test_" + UUID.randomUUID().toString().replace("-", "")
                + "\",\"object\":\"charge\",\"amount\":" + amount + ",\"amount_refunded\":" + refunded
                + ",\"currency\":\"" + currency.toLowerCase(Locale.ROOT) + "\",\"refunded\":" + (refunded >= amount)
                + ",\"payment_intent\":\"" + intentId + "\"}}}";
    }

    /** A fresh event id. */
    static String eventId() {
        return "evt_test_" + UUID.randomUUID().toString().replace("-", "");
    }
}
