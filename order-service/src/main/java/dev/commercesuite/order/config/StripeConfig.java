package dev.commercesuite.order.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How order-service talks to Stripe: {@code STRIPE_SECRET_KEY}, {@code STRIPE_PUBLISHABLE_KEY} and
 * {@code STRIPE_WEBHOOK_SECRET} (required in production, see {@code StripeConfigCheck}), {@code STRIPE_API_BASE}
 * (a test double's address; Stripe's own by default). None of these values is ever logged or answered.
 */
@ConfigMapping(prefix = "stripe")
public interface StripeConfig {

    /** The secret API key ({@code sk_live_...}, {@code sk_test_...}, or a restricted {@code rk_...} key). */
    Optional<String> secretKey();

    /** The publishable key a checkout answer hands the client ({@code pk_live_...} or {@code pk_test_...}). */
    Optional<String> publishableKey();

    /**
     * The webhook endpoint's signing secrets ({@code whsec_...}); several, comma-separated, while rotating one: an
     * event signed with any of them is taken.
     */
    Optional<List<String>> webhookSecret();

    /** Stripe's API address; set it only for a test double. */
    @WithDefault("https://api.stripe.com")
    String apiBase();

    /** How long one call to Stripe may take before it is given up (and retried where that is safe). */
    @WithDefault("8S")
    Duration timeout();

    /** How old a webhook's signature may be (and how far in the future its clock may run). */
    @WithDefault("300S")
    Duration webhookTolerance();

    Reconciliation reconciliation();

    /** The job that asks Stripe about orders whose payment news has not come, so a lost webhook loses nothing. */
    interface Reconciliation {

        /** When it runs (Quarkus cron, UTC): every 10 minutes by default; {@code off} disables it. */
        @WithDefault("0 */10 * * * ?")
        String cron();

        /** An order awaiting payment this long after checkout is checked against Stripe. */
        @WithDefault("15M")
        Duration after();

        /** Orders checked per run at most (each is one call to Stripe). */
        @WithDefault("200")
        int batchSize();
    }
}
