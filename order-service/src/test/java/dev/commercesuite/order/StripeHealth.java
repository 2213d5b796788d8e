package dev.commercesuite.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.awaitility.Awaitility;

import dev.commercesuite.order.client.StripePayments;
import dev.commercesuite.order.domain.PaymentProviderUnavailableException;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * Stripe's side of a test's isolation. All test classes share one application, so one circuit breaker for Stripe and
 * one database: a class that made Stripe fail must not leave the breaker open for the next one, and the orders other
 * tests left awaiting payment are asked about by every job run.
 */
@ApplicationScoped
public class StripeHealth {

    /** The circuit breaker of every call to Stripe ({@code @CircuitBreakerName} on the client). */
    static final String BREAKER = "stripe";
    private static final String PROBE = "pi_test_probe";
    private static final UUID NOBODY = new UUID(0, 0);

    private final StripePayments stripe;
    private final CircuitBreakerMaintenance breakers;

    public StripeHealth(StripePayments stripe, CircuitBreakerMaintenance breakers) {
        this.stripe = stripe;
        this.breakers = breakers;
    }

    /**
     * Stripe answers again (every stub forgotten, see {@link StripeStub#reset()}), the breaker is closed and its
     * latest results are two successes (real calls, made after its delay if it was open), and the request journal
     * is empty.
     */
    public void restore() {
        StripeStub.reset();
        StripeStub.intentIs(PROBE, "processing", 100, 0, "EUR", NOBODY, NOBODY, 0, null);
        AtomicInteger successes = new AtomicInteger();
        Awaitility.await("Stripe's circuit breaker closed after two successes").atMost(Duration.ofSeconds(15))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(150)).until(() -> {
                    try {
                        stripe.retrieveIntent(PROBE);
                        successes.incrementAndGet();
                    } catch (PaymentProviderUnavailableException open) {
                        successes.set(0);
                    }
                    return successes.get() >= 2 && state() == CircuitBreakerState.CLOSED;
                });
        StripeStub.client().resetRequests();
    }

    /** The breaker's state now (an open breaker turns half-open only when a call comes after its delay). */
    public CircuitBreakerState state() {
        return breakers.currentState(BREAKER);
    }

    /**
     * Any PaymentIntent no test registered is one a customer has not paid yet ({@code processing}) and can still be
     * cancelled: the orders earlier tests left awaiting payment keep the jobs' calls to Stripe succeeding.
     */
    static void answerEveryOtherIntent() {
        String intent = "{\"id\":\"{{request.pathSegments.[2]}}\",\"object\":\"payment_intent\",\"amount\":100,"
                + "\"amount_received\":0,\"currency\":\"eur\",\"status\":\"%s\",\"livemode\":false,"
                + "\"metadata\":{}}";
        StripeStub.client().register(get(urlPathMatching(StripeStub.INTENTS + "/[^/]+")).atPriority(50)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(intent.formatted("processing")).withTransformers("response-template")));
        StripeStub.client().register(post(urlPathMatching(StripeStub.INTENTS + "/[^/]+/cancel")).atPriority(50)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(intent.formatted("canceled")).withTransformers("response-template")));
    }
}
