package dev.commercesuite.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.net.Webhook;

/** The signatures of './suite pay', checked with the Stripe SDK's own webhook verification. */
class StripeSignatureTest {

    private static final String SECRET = "whsec_5f0c7e2b9a4d4c1e8f3a6b7d2e9c0a1b";
    private static final String EVENT = """
            {"id":"evt_local_1","object":"event","api_version":"2026-07-29.dahlia","created":1796300000,\
            "livemode":false,"type":"payment_intent.succeeded","pending_webhooks":1,\
            "request":{"id":null,"idempotency_key":null},"data":{"object":{"id":"pi_local_1","object":"payment_intent",\
            "amount":1250,"amount_received":1250,"currency":"eur","status":"succeeded","metadata":{"orderId":"o",\
            "tenantId":"t","orderNumber":"1001"}}}}""";

    @Test
    void signatureIsTheOneStripeVerifies() throws Exception {
        long now = Instant.now().getEpochSecond();

        String header = StripeSignature.header(SECRET, now, EVENT.getBytes(StandardCharsets.UTF_8));

        assertTrue(header.startsWith("t=" + now + ",v1="), header);
        assertTrue(Webhook.Signature.verifyHeader(EVENT, header, SECRET, 300));
        Event event = Webhook.constructEvent(EVENT, header, SECRET, 300);
        PaymentIntent intent = (PaymentIntent) event.getDataObjectDeserializer().deserializeUnsafe();
        assertEquals(1250L, intent.getAmountReceived());
    }

    @Test
    void anotherSecretOrAnotherPayloadDoesNotVerify() {
        long now = Instant.now().getEpochSecond();
        String header = StripeSignature.header(SECRET, now, EVENT.getBytes(StandardCharsets.UTF_8));

        assertThrows(SignatureVerificationException.class,
                () -> Webhook.Signature.verifyHeader(EVENT, header, SECRET + "x", 300));
        assertThrows(SignatureVerificationException.class,
                () -> Webhook.Signature.verifyHeader(EVENT.replace("1250", "1251"), header, SECRET, 300));
    }

    @Test
    void oldSignatureIsRefusedByTheTolerance() {
        long anHourAgo = Instant.now().getEpochSecond() - 3600;
        String header = StripeSignature.header(SECRET, anHourAgo, EVENT.getBytes(StandardCharsets.UTF_8));

        assertThrows(SignatureVerificationException.class,
                () -> Webhook.Signature.verifyHeader(EVENT, header, SECRET, 300));
    }

    @Test
    void eachSecretBeingRotatedSignsOnce() throws SignatureVerificationException {
        long now = Instant.now().getEpochSecond();
        String other = "whsec_0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d";

        String header = StripeSignature.header(SECRET + ", " + other, now, EVENT.getBytes(StandardCharsets.UTF_8));

        assertEquals(3, header.split(",").length, header);
        assertTrue(Webhook.Signature.verifyHeader(EVENT, header, SECRET, 300));
        assertTrue(Webhook.Signature.verifyHeader(EVENT, header, other, 300));
    }
}
