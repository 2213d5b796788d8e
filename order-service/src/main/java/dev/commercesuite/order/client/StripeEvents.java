package dev.commercesuite.order.client;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;

import dev.commercesuite.order.domain.InvalidWebhookSignatureException;
import dev.commercesuite.order.domain.UnreadablePaymentEventException;

/**
 * Reads Stripe's webhook deliveries with the SDK: {@link #verify} checks the {@code Stripe-Signature} of the raw body
 * before anything of it is parsed, {@link #parse} then reads the event. Only what order-service acts on is kept.
 */
public final class StripeEvents {

    private static final Logger LOG = Logger.getLogger(StripeEvents.class);
    private static final Pattern TIMESTAMP = Pattern.compile("(?:^|,)\\s*t=(\\d{1,12})\\s*(?:,|$)");
    /** Stripe's event ids: {@code evt_} and letters and digits; generous, but bounded. */
    private static final Pattern EVENT_ID = Pattern.compile("evt_[A-Za-z0-9_]{1,250}");
    private static final int MAX_HEADER = 4096;

    private StripeEvents() {
    }

    /**
     * Verifies that {@code payload} was signed by Stripe with one of {@code secrets} within {@code tolerance} of now
     * (either way: a timestamp too far in the future is refused as well as an old one). Each {@code v1} signature of
     * the header is compared in constant time against each secret, so a header from a rotation (two signatures) and a
     * rotation on this side (two secrets) both work. Throws {@link InvalidWebhookSignatureException}.
     */
    public static void verify(String payload, String header, List<String> secrets, Duration tolerance, Clock clock) {
        if (header == null || header.isBlank()) {
            throw new InvalidWebhookSignatureException("missing");
        }
        if (header.length() > MAX_HEADER) {
            throw new InvalidWebhookSignatureException("malformed");
        }
        Matcher timestamp = TIMESTAMP.matcher(header);
        if (!timestamp.find()) {
            throw new InvalidWebhookSignatureException("malformed");
        }
        long signedAt = Long.parseLong(timestamp.group(1));
        long now = clock.instant().getEpochSecond();
        if (signedAt > now + tolerance.toSeconds()) {
            throw new InvalidWebhookSignatureException("from the future");
        }
        if (signedAt < now - tolerance.toSeconds()) {
            throw new InvalidWebhookSignatureException("too old");
        }
        if (secrets.isEmpty()) {
            throw new InvalidWebhookSignatureException("no webhook secret is configured");
        }
        for (String secret : secrets) {
            try {
                // the SDK's check: HMAC-SHA256 over "t.payload", every v1 value compared in constant time
                if (Webhook.Signature.verifyHeader(payload, header, secret, tolerance.toSeconds(), clock)) {
                    return;
                }
            } catch (SignatureVerificationException e) {
                // this secret did not sign it: try the next one
            } catch (RuntimeException e) {
                // the SDK reads the header its own way: what it cannot read ("t=1 ,v1=..", a bare "t") is
                // malformed
                throw new InvalidWebhookSignatureException("malformed");
            }
        }
        throw new InvalidWebhookSignatureException(header.contains("v1=") ? "no signature matches" : "malformed");
    }

    /** What a Stripe event says, as far as order-service acts on it. */
    public record StripeEvent(String id, String type, Optional<StripeIntent> intent, Optional<ChargeRefund> refund) {
    }

    /** A {@code charge.refunded} event's charge: its payment, the amounts charged and refunded, and the currency. */
    public record ChargeRefund(String paymentIntentId, long amountCharged, long amountRefunded, String currency,
            boolean refundedInFull) {
    }

    /** Reads a verified delivery; throws {@link UnreadablePaymentEventException} for one that is no Stripe event. */
    public static StripeEvent parse(String payload) {
        Event event;
        try {
            // the signature was verified already: this only reads the JSON
            event = Webhook.constructEventWithoutVerification(payload);
        } catch (RuntimeException e) {
            throw new UnreadablePaymentEventException("the body is not a Stripe event");
        }
        if (event == null || event.getId() == null || !EVENT_ID.matcher(event.getId()).matches()
                || event.getType() == null || event.getType().isBlank() || event.getType().length() > 100) {
            throw new UnreadablePaymentEventException("the event has no valid id or type");
        }
        String type = event.getType();
        return switch (type) {
            case "payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.canceled" -> {
                PaymentIntent intent = object(event, PaymentIntent.class);
                yield new StripeEvent(event.getId(), type, Optional.of(StripePayments.intent(intent)),
                        Optional.empty());
            }
            case "charge.refunded" -> {
                Charge charge = object(event, Charge.class);
                long amount = value(charge.getAmount());
                long refunded = value(charge.getAmountRefunded());
                yield new StripeEvent(event.getId(), type, Optional.empty(), Optional.of(new ChargeRefund(
                        charge.getPaymentIntent(), amount, refunded, charge.getCurrency(),
                        Boolean.TRUE.equals(charge.getRefunded()) || (amount > 0 && refunded >= amount))));
            }
            default -> new StripeEvent(event.getId(), type, Optional.empty(), Optional.empty());
        };
    }

    private static <T extends StripeObject> T object(Event event, Class<T> type) {
        StripeObject object;
        try {
            // an event of another API version than the SDK's is still read: the fields used here are stable
            object = event.getDataObjectDeserializer().getObject().orElse(null);
            if (object == null) {
                object = event.getDataObjectDeserializer().deserializeUnsafe();
            }
        } catch (EventDataObjectDeserializationException | RuntimeException e) {
            LOG.debugf("Stripe event %s could not be read: %s", event.getId(), e.getClass().getName());
            throw new UnreadablePaymentEventException("the event's object cannot be read");
        }
        if (!type.isInstance(object)) {
            throw new UnreadablePaymentEventException("a " + event.getType() + " event without a "
                    + type.getSimpleName());
        }
        T typed = type.cast(object);
        if (typed instanceof PaymentIntent intent && intent.getId() == null
                || typed instanceof Charge charge && charge.getPaymentIntent() == null) {
            throw new UnreadablePaymentEventException("the event's object has no id");
        }
        return typed;
    }

    private static long value(Long amount) {
        return amount == null ? 0 : amount;
    }
}
