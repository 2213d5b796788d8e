package dev.commercesuite.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.commercesuite.gateway.config.RateLimitConfig;
import dev.commercesuite.gateway.config.RateLimitConfig.KeyKind;
import io.vertx.core.http.HttpMethod;

/** Policies match by method and path, the first by order wins, and a policy that cannot work is named at start-up. */
class RateLimitPoliciesTest {

    record Policy(int order, boolean exempt, int limit, Duration window, KeyKind key, Optional<List<String>> methods,
            List<String> paths) implements RateLimitConfig.Policy {

        static Policy of(int order, int limit, String methods, String... paths) {
            return new Policy(order, false, limit, Duration.ofMinutes(1), KeyKind.USER_OR_IP,
                    methods == null ? Optional.empty() : Optional.of(List.of(methods.split(","))), List.of(paths));
        }
    }

    @Test
    void pathPatternsMatchWholeSegments() {
        PathPattern checkout = PathPattern.parse("/api/v1/orders/*/checkout");
        assertTrue(checkout.matches("/api/v1/orders/0190/checkout"));
        assertTrue(checkout.matches("/api/v1/orders/0190/checkout/"));
        assertFalse(checkout.matches("/api/v1/orders//checkout"));
        assertFalse(checkout.matches("/api/v1/orders/0190/checkouts"));
        assertFalse(checkout.matches("/api/v1/orders/0190/checkout/x"));
        assertFalse(checkout.matches("/api/v1/orders/checkout"));

        PathPattern orders = PathPattern.parse("/api/v1/orders");
        assertTrue(orders.matches("/api/v1/orders"));
        assertTrue(orders.matches("/api/v1/orders/"));
        assertFalse(orders.matches("/api/v1/order"));
        assertFalse(orders.matches("/api/v1/orders/1"));

        PathPattern tree = PathPattern.parse("/api/v1/products/**");
        assertTrue(tree.matches("/api/v1/products"));
        assertTrue(tree.matches("/api/v1/products/1/images"));
        assertFalse(tree.matches("/api/v1/productsx"));

        PathPattern everything = PathPattern.parse("/**");
        assertTrue(everything.matches("/"));
        assertTrue(everything.matches("/forgot-password"));
    }

    @Test
    void theFirstPolicyByOrderThatMatchesMethodAndPathApplies() {
        Map<String, RateLimitConfig.Policy> configured = new LinkedHashMap<>();
        configured.put("reads", Policy.of(100, 100, null, "/**"));
        configured.put("writes", Policy.of(90, 30, "POST,put,PATCH,DELETE", "/**"));
        configured.put("checkout", Policy.of(41, 10, "POST", "/api/v1/orders/*/checkout"));
        configured.put("webhook", new Policy(0, true, 0, Duration.ofMinutes(1), KeyKind.IP, Optional.empty(),
                List.of("/api/v1/webhooks/stripe")));
        List<RateLimitPolicy> policies = RateLimitPolicies.compile(configured);

        assertEquals(List.of("webhook", "checkout", "writes", "reads"),
                policies.stream().map(RateLimitPolicy::name).toList());
        assertEquals("checkout", match(policies, HttpMethod.POST, "/api/v1/orders/7/checkout"));
        assertEquals("writes", match(policies, HttpMethod.PUT, "/api/v1/orders/7/checkout"));
        assertEquals("reads", match(policies, HttpMethod.GET, "/api/v1/orders/7/checkout"));
        assertEquals("webhook", match(policies, HttpMethod.POST, "/api/v1/webhooks/stripe"));
        assertEquals("\"checkout\";q=10;w=60", policies.get(1).policyHeader());
    }

    @Test
    void aPolicyThatCannotWorkStopsTheGatewayWithItsName() {
        assertRefused("login", Policy.of(1, 0, "POST", "/api/v1/auth/login"), "limit must be between 1 and 1000000");
        assertRefused("login", Policy.of(1, 1_000_001, "POST", "/x"), "limit must be between 1 and 1000000");
        assertRefused("login", new Policy(1, false, 5, Duration.ofMillis(10), KeyKind.IP, Optional.empty(),
                List.of("/x")), "window must be between");
        assertRefused("login", Policy.of(1, 5, "POST", "api/v1/auth/login"), "must start with '/'");
        assertRefused("login", Policy.of(1, 5, "POST", "/api/**/login"), "'**' only as its last segment");
        assertRefused("login", Policy.of(1, 5, "POST", "/api/v1/auth/log*"), "'*' only as a whole segment");
        assertRefused("login", Policy.of(1, 5, "FETCH", "/api/v1/auth/login"), "'FETCH' is not one of the methods");
        assertRefused("login", Policy.of(1, 5, "POST"), "paths must name at least one path pattern");
        assertRefused("Login Policy", Policy.of(1, 5, "POST", "/x"), "the name must be");
    }

    @Test
    void noPolicyNoLimit() {
        assertNull(RateLimitPolicies.compile(Map.of("orders", Policy.of(1, 5, "POST", "/api/v1/orders")))
                .stream().filter(policy -> policy.applies(HttpMethod.GET, "/api/v1/orders")).findFirst()
                .orElse(null));
    }

    private static String match(List<RateLimitPolicy> policies, HttpMethod method, String path) {
        for (RateLimitPolicy policy : policies) {
            if (policy.applies(method, path)) {
                return policy.name();
            }
        }
        return null;
    }

    private static void assertRefused(String name, Policy policy, String why) {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> RateLimitPolicies.compile(Map.of(name, policy)));
        assertTrue(refused.getMessage().contains("'" + name + "' (gateway.rate-limit.policies." + name + ".*)"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
    }
}
