package dev.commercesuite.order.client;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;

import dev.commercesuite.order.domain.PaymentProviderUnavailableException;

/**
 * order-service's calls to Stripe, through the real SDK, each behind {@link StripeApi}'s fault tolerance. Every call
 * that creates or changes something carries an idempotency key derived from the order ({@code order-<id>-checkout},
 * {@code -cancel}, {@code -refund}), so a retried, doubled or concurrent call can never charge, cancel or refund
 * twice: Stripe answers a repeat with the first answer.
 */
@ApplicationScoped
public class StripePayments {

    /** How long a client is asked to wait while the circuit breaker is open. */
    static final Duration BREAKER_OPEN_RETRY = Duration.ofSeconds(30);

    private final StripeApi api;

    StripePayments(StripeApi api) {
        this.api = api;
    }

    /**
     * The idempotency key of {@code charge}'s checkout: one PaymentIntent per order, however often it is asked; after
     * its PaymentIntent was cancelled, one per cancelled PaymentIntent it replaces.
     */
    public static String checkoutKey(Charge charge) {
        return "order-" + charge.orderId() + "-checkout"
                + (charge.replacing() == null ? "" : "-after-" + charge.replacing());
    }

    /**
     * What a PaymentIntent is created for: the order, its shop and number, and the amount to pay; {@code replacing}
     * names the cancelled PaymentIntent a new one replaces (null for the first).
     */
    public record Charge(UUID orderId, UUID tenantId, long orderNumber, long amount, String currency,
            String replacing) {
    }

    /** Creates (or, for a repeat, gets back) the PaymentIntent for {@code charge}. */
    public StripeIntent createIntent(Charge charge) {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(charge.amount())
                .setCurrency(charge.currency().toLowerCase(Locale.ROOT))
                .setDescription("Order " + charge.orderNumber())
                .putMetadata("orderId", charge.orderId().toString())
                .putMetadata("tenantId", charge.tenantId().toString())
                .putMetadata("orderNumber", Long.toString(charge.orderNumber()))
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                        .setEnabled(true).build())
                .build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(checkoutKey(charge)).build();
        return guarded(() -> intent(api.call("create a payment intent",
                stripe -> stripe.v1().paymentIntents().create(params, options))));
    }

    /** The PaymentIntent {@code id} as Stripe has it now. */
    public StripeIntent retrieveIntent(String id) {
        return guarded(() -> intent(api.call("read a payment intent",
                stripe -> stripe.v1().paymentIntents().retrieve(id))));
    }

    /** Cancels PaymentIntent {@code id} of order {@code orderId} (abandoned); Stripe refuses once it succeeded. */
    public StripeIntent cancelIntent(String id, UUID orderId) {
        PaymentIntentCancelParams params = PaymentIntentCancelParams.builder()
                .setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED).build();
        // one key per PaymentIntent: an order may have had another one, cancelled before
        RequestOptions options = RequestOptions.builder().setIdempotencyKey("order-" + orderId + "-cancel-" + id)
                .build();
        return guarded(() -> intent(api.call("cancel a payment intent",
                stripe -> stripe.v1().paymentIntents().cancel(id, params, options))));
    }

    /** A refund as Stripe answered it: its id and status ({@code succeeded}, {@code pending}, {@code failed}...). */
    public record StripeRefund(String id, String status, long amount, String currency) {

        public boolean succeeded() {
            return "succeeded".equals(status);
        }
    }

    /** Refunds PaymentIntent {@code intentId} of order {@code orderId} in full. */
    public StripeRefund refund(String intentId, UUID orderId) {
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(intentId)
                .putMetadata("orderId", orderId.toString())
                .build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey("order-" + orderId + "-refund").build();
        return guarded(() -> {
            Refund refund = api.call("refund a payment", stripe -> stripe.v1().refunds().create(params, options));
            return new StripeRefund(refund.getId(), refund.getStatus(), value(refund.getAmount()),
                    refund.getCurrency());
        });
    }

    private interface Guarded<T> {
        T get();
    }

    private static <T> T guarded(Guarded<T> call) {
        try {
            return call.get();
        } catch (CircuitBreakerOpenException e) {
            throw new PaymentProviderUnavailableException("Stripe's circuit breaker is open", BREAKER_OPEN_RETRY, e);
        } catch (TimeoutException e) {
            throw new PaymentProviderUnavailableException("Stripe did not answer in time", Duration.ofSeconds(5), e);
        }
    }

    static StripeIntent intent(PaymentIntent intent) {
        StripeError error = intent.getLastPaymentError();
        return new StripeIntent(intent.getId(), intent.getStatus(), value(intent.getAmount()),
                value(intent.getAmountReceived()), intent.getCurrency(), intent.getMetadata(),
                intent.getClientSecret(), error == null ? null : error.getCode(),
                error == null ? null : error.getDeclineCode());
    }

    private static long value(Long amount) {
        return amount == null ? 0 : amount;
    }
}
