package dev.commercesuite.order.domain;

import java.util.Objects;

/**
 * The answer to an idempotent request as it is kept for replays: the HTTP status, the body (JSON: the created
 * resource, or a problem for a refusal) and the {@code Location}, if any.
 */
public record StoredResponse(int status, String body, String location) {

    public StoredResponse {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        Objects.requireNonNull(body, "body");
    }

    /** A refusal: its body is a problem ({@code application/problem+json}). */
    public boolean isProblem() {
        return status >= 400;
    }
}
