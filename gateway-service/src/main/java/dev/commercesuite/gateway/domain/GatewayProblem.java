package dev.commercesuite.gateway.domain;

import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.defaults.problem.Problems;

/**
 * The problem types only the gateway answers with, each a stable slug under the suite's problem base URI with a
 * title that never changes (docs/errors.md describes each).
 */
public enum GatewayProblem {
    RATE_LIMITED("rate-limited", "Rate limit exceeded", 429),
    IP_BLOCKED("ip-blocked", "Client address blocked", 403),
    IP_DENIED("ip-denied", "Client address not allowed", 403),
    ORIGIN_NOT_ALLOWED("origin-not-allowed", "Origin not allowed", 403),
    INVALID_TOKEN("invalid-token", "Invalid or expired token", 401),
    UPSTREAM_UNAVAILABLE("upstream-unavailable", "Service temporarily unavailable", 503),
    HTTPS_REQUIRED("https-required", "HTTPS required", 403);

    private final String slug;
    private final String title;
    private final int status;

    GatewayProblem(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** This problem for a request to {@code path}, with a detail that tells the client what to do. */
    public Problem of(String detail, String path) {
        return Problems.of(slug, title, status, detail, path);
    }
}
