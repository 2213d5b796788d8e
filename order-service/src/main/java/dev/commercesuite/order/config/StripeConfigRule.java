package dev.commercesuite.order.config;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import dev.commercesuite.defaults.config.StartupConfigCheck;
import dev.commercesuite.defaults.config.StartupConfigRule;

/**
 * Production's Stripe settings, checked at start-up with the others ({@code StartupConfigCheck}): each key must be
 * set and of its kind, by its prefix ({@code sk_}/{@code rk_}, {@code pk_}, {@code whsec_}), and the secret and
 * publishable keys must be of the same mode. A test-mode key in production takes no real money: allowed (a staging
 * deployment), but said loudly at every start. No message repeats a key, only its prefix.
 */
@ApplicationScoped
public class StripeConfigRule implements StartupConfigRule {

    static final String SECRET_KEY = "stripe.secret-key";
    static final String PUBLISHABLE_KEY = "stripe.publishable-key";
    static final String WEBHOOK_SECRET = "stripe.webhook-secret";
    private static final Logger LOG = Logger.getLogger(StripeConfigRule.class);

    @Override
    public void check(Config config, List<String> problems) {
        Optional<String> secret = value(config, SECRET_KEY);
        Optional<String> publishable = value(config, PUBLISHABLE_KEY);
        Optional<String> webhook = value(config, WEBHOOK_SECRET);
        if (secret.isEmpty()) {
            problems.add(StartupConfigCheck.describe(SECRET_KEY)
                    + " is not set: Stripe's secret API key (sk_live_...)");
        } else if (!secret.get().matches("(sk|rk)_(live|test)_[A-Za-z0-9_]+")) {
            problems.add(StartupConfigCheck.describe(SECRET_KEY) + " is not a Stripe secret key: it must start with"
                    + " sk_live_ or sk_test_ (or rk_ for a restricted key)");
        }
        if (publishable.isEmpty()) {
            problems.add(StartupConfigCheck.describe(PUBLISHABLE_KEY) + " is not set: Stripe's publishable key"
                    + " (pk_live_...)");
        } else if (!publishable.get().matches("pk_(live|test)_[A-Za-z0-9_]+")) {
            problems.add(StartupConfigCheck.describe(PUBLISHABLE_KEY) + " is not a Stripe publishable key: it must"
                    + " start with pk_live_ or pk_test_");
        }
        if (webhook.isEmpty()) {
            problems.add(StartupConfigCheck.describe(WEBHOOK_SECRET) + " is not set: the webhook endpoint's signing"
                    + " secret (whsec_...)");
        } else {
            for (String each : webhook.get().split(",")) {
                if (!each.strip().matches("whsec_[A-Za-z0-9+/=_-]{8,}")) {
                    problems.add(StartupConfigCheck.describe(WEBHOOK_SECRET) + " holds a value that is not a"
                            + " Stripe webhook signing secret: each must start with whsec_");
                    break;
                }
            }
        }
        if (secret.isPresent() && publishable.isPresent()) {
            boolean liveSecret = secret.get().contains("_live_");
            boolean livePublishable = publishable.get().contains("_live_");
            if (liveSecret != livePublishable) {
                problems.add(StartupConfigCheck.describe(SECRET_KEY) + " and " + StartupConfigCheck.describe(
                        PUBLISHABLE_KEY) + " are of different modes (one live, one test)");
            } else if (!liveSecret) {
                LOG.warn("""

                        ************************************************************************
                        STRIPE TEST MODE: STRIPE_SECRET_KEY is a test key (sk_test_/rk_test_).
                        This production deployment takes no real payments. Set live keys
                        (sk_live_..., pk_live_...) before taking orders from customers.
                        ************************************************************************""");
            }
        }
    }

    private static Optional<String> value(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(value -> !value.isEmpty());
    }
}
