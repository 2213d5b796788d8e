package dev.commercesuite.gateway.ratelimit;

import java.util.List;
import java.util.Set;

import dev.commercesuite.gateway.config.RateLimitConfig.KeyKind;
import io.vertx.core.http.HttpMethod;

/**
 * One rate-limit policy as the gateway applies it: matched by method and path, with the header values that never
 * change computed once at start-up.
 *
 * @param index        the policy's position among all policies, for per-policy arrays (metrics)
 * @param name         the configured name, shown to clients in {@code RateLimit-Policy}
 * @param order        lower applies first
 * @param exempt       matching requests are neither counted nor limited
 * @param limit        requests per window and key
 * @param windowMillis the sliding window
 * @param key          what the count is kept per
 * @param methods      the methods it applies to; null for every method
 * @param paths        the path patterns it applies to
 */
record RateLimitPolicy(int index, String name, int order, boolean exempt, int limit, long windowMillis, KeyKind key,
        Set<HttpMethod> methods, List<PathPattern> paths, String policyHeader, String limitHeader) {

    static RateLimitPolicy of(int index, String name, int order, boolean exempt, int limit, long windowMillis,
            KeyKind key, Set<HttpMethod> methods, List<PathPattern> paths) {
        long windowSeconds = (windowMillis + 999) / 1000;
        return new RateLimitPolicy(index, name, order, exempt, limit, windowMillis, key, methods, List.copyOf(paths),
                "\"" + name + "\";q=" + limit + ";w=" + windowSeconds, Integer.toString(limit));
    }

    boolean applies(HttpMethod method, String path) {
        if (methods != null && !methods.contains(method)) {
            return false;
        }
        for (int i = 0; i < paths.size(); i++) {
            if (paths.get(i).matches(path)) {
                return true;
            }
        }
        return false;
    }
}
