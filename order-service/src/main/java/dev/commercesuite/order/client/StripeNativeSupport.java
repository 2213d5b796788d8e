package dev.commercesuite.order.client;

import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The Stripe SDK reads and writes its objects with Gson, by reflection: a native image must keep the classes of the
 * objects order-service reads (and their nested classes). Not verified here: no native build tool on this machine.
 */
@RegisterForReflection(targets = { PaymentIntent.class, Charge.class, Refund.class, Event.class,
        StripeError.class }, ignoreNested = false)
final class StripeNativeSupport {

    private StripeNativeSupport() {
    }
}
