package dev.commercesuite.gateway.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.gateway.config.RateLimitConfig;
import io.quarkus.runtime.Startup;
import io.vertx.core.http.HttpMethod;

/**
 * The configured policies, validated and ordered once at start-up: a policy that cannot work stops the gateway with
 * a message naming it rather than leaving a route unlimited.
 */
@Startup
@ApplicationScoped
public class RateLimitPolicies {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    /**
     * A sliding window keeps the time of each request it counts (in Redis and in the fallback), so a key costs memory
     * in proportion to its requests within the window, at most the limit: an "effectively unlimited" policy wants a
     * short window (1,000,000 per second), not a long one.
     */
    static final int MAX_LIMIT = 1_000_000;
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final RateLimitPolicy[] ordered;

    public RateLimitPolicies(RateLimitConfig config) {
        this.ordered = compile(config.policies()).toArray(RateLimitPolicy[]::new);
    }

    /** The first policy (lowest order) that applies to the request, or null when none does. */
    RateLimitPolicy match(HttpMethod method, String path) {
        for (RateLimitPolicy policy : ordered) {
            if (policy.applies(method, path)) {
                return policy;
            }
        }
        return null;
    }

    /** Every policy, in the order they are tried. */
    List<RateLimitPolicy> all() {
        return List.of(ordered);
    }

    /**
     * Validates and orders {@code policies} (ties broken by name).
     *
     * @throws IllegalStateException naming the policy and the setting that is wrong
     */
    static List<RateLimitPolicy> compile(Map<String, RateLimitConfig.Policy> policies) {
        List<String> names = new ArrayList<>(policies.keySet());
        names.sort(Comparator.<String>comparingInt(name -> policies.get(name).order()).thenComparing(name -> name));
        List<RateLimitPolicy> compiled = new ArrayList<>(names.size());
        for (String name : names) {
            compiled.add(compile(compiled.size(), name, policies.get(name)));
        }
        return List.copyOf(compiled);
    }

    private static RateLimitPolicy compile(int index, String name, RateLimitConfig.Policy policy) {
        if (!NAME.matcher(name).matches()) {
            throw invalid(name, "the name must be 1-40 lower-case letters, digits and '-'");
        }
        Duration window = policy.window();
        if (!policy.exempt()) {
            if (policy.limit() < 1 || policy.limit() > MAX_LIMIT) {
                throw invalid(name, "limit must be between 1 and " + MAX_LIMIT + " (or set exempt=true), not "
                        + policy.limit());
            }
            if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofDays(1)) > 0) {
                throw invalid(name, "window must be between 1 second and 1 day, not " + window);
            }
        }
        if (policy.paths().isEmpty()) {
            throw invalid(name, "paths must name at least one path pattern");
        }
        List<PathPattern> paths = new ArrayList<>();
        for (String path : policy.paths()) {
            try {
                paths.add(PathPattern.parse(path));
            } catch (IllegalArgumentException e) {
                throw invalid(name, e.getMessage());
            }
        }
        Set<HttpMethod> methods = null;
        List<String> configured = policy.methods().orElse(List.of());
        if (!configured.isEmpty()) {
            methods = new HashSet<>();
            for (String method : configured) {
                String upper = method.strip().toUpperCase(Locale.ROOT);
                if (!METHODS.contains(upper)) {
                    throw invalid(name, "'" + method + "' is not one of the methods " + METHODS.stream().sorted()
                            .toList());
                }
                methods.add(HttpMethod.valueOf(upper));
            }
            methods = Set.copyOf(methods);
        }
        return RateLimitPolicy.of(index, name, policy.order(), policy.exempt(), policy.limit(), window.toMillis(),
                policy.key(), methods, paths);
    }

    private static IllegalStateException invalid(String name, String why) {
        return new IllegalStateException("Rate-limit policy '" + name + "' (gateway.rate-limit.policies." + name
                + ".*) is invalid: " + why);
    }
}
