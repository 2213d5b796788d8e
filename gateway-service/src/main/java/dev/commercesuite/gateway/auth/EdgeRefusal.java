package dev.commercesuite.gateway.auth;

/**
 * Why edge authentication turned a request away: the credential itself is not acceptable (401), or identity, whose
 * keys or token endpoint the gateway needs to decide, cannot be reached (503 with {@code Retry-After}). Carried as a
 * failed future's cause; no stack trace, as a refusal is an everyday outcome, not a fault.
 */
final class EdgeRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean unavailable;
    private final long retryAfterSeconds;

    private EdgeRefusal(String detail, boolean unavailable, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.unavailable = unavailable;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The credential is malformed, forged, expired or unknown; {@code detail} tells the client which. */
    static EdgeRefusal invalid(String detail) {
        return new EdgeRefusal(detail, false, 0);
    }

    /** Identity cannot be asked right now; the client may try again after {@code retryAfterSeconds}. */
    static EdgeRefusal unavailable(String detail, long retryAfterSeconds) {
        return new EdgeRefusal(detail, true, Math.max(1, retryAfterSeconds));
    }

    boolean unavailable() {
        return unavailable;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
