package dev.commercesuite.gateway.ratelimit;

/**
 * The answer of one rate-limit check.
 *
 * @param allowed     whether the request may pass
 * @param remaining   how many more requests the key may make in the current window
 * @param resetMillis how long until the oldest counted request leaves the window (one more request becomes possible)
 */
record Decision(boolean allowed, int remaining, long resetMillis) {

    /** {@link #resetMillis()} in whole seconds, rounded up, at least 1 (for headers and {@code Retry-After}). */
    long resetSeconds() {
        return Math.max(1, (resetMillis + 999) / 1000);
    }
}
