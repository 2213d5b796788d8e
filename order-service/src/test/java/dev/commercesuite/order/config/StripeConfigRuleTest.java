package dev.commercesuite.order.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Production's Stripe settings: required, of their kind by prefix, of one mode; a key never appears in a problem. */
class StripeConfigRuleTest {

    private static List<String> problems(Map<String, String> values) {
        Config config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500))
                .build();
        List<String> problems = new ArrayList<>();
        new StripeConfigRule().check(config, problems);
        return problems;
    }

    @Test
    void liveKeysPass() {
        assertEquals(List.of(), problems(Map.of("stripe.secret-key", "sk_live_abc123", "stripe.publishable-key",
                "pk_live_abc123", "stripe.webhook-secret", "whsec_abcdefgh12345678")));
        assertEquals(List.of(), problems(Map.of("stripe.secret-key", "rk_test_abc", "stripe.publishable-key",
                "pk_test_abc", "stripe.webhook-secret", "whsec_new12345678,whsec_old12345678")));
    }

    @Test
    void missingWrongAndMixedKeysAreEachNamedWithoutTheirValues() {
        List<String> missing = problems(Map.of());
        assertEquals(3, missing.size(), missing.toString());
        assertTrue(missing.get(0).contains("STRIPE_SECRET_KEY"), missing.toString());

        List<String> wrong = problems(Map.of("stripe.secret-key", "pk_live_swapped", "stripe.publishable-key",
                "sk_live_swapped", "stripe.webhook-secret", "secret-without-prefix"));
        assertEquals(3, wrong.size(), wrong.toString());
        assertFalse(wrong.toString().contains("swapped"), "a key's value never appears in a problem");
        assertFalse(wrong.toString().contains("secret-without-prefix"));

        List<String> mixed = problems(Map.of("stripe.secret-key", "sk_live_a1", "stripe.publishable-key", "pk_test_a1",
                "stripe.webhook-secret", "whsec_abcdefgh12345678"));
        assertEquals(1, mixed.size(), mixed.toString());
        assertTrue(mixed.get(0).contains("different modes"), mixed.toString());
    }
}
