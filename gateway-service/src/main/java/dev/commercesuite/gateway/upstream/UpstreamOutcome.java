package dev.commercesuite.gateway.upstream;

/**
 * How a call to an upstream ended, as the {@code outcome} tag of {@code gateway_upstream_calls} names it (a bounded
 * set). Which outcomes count against the upstream's circuit breaker is decided here, in one place:
 * <ul>
 * <li>Failures: the connection could not be opened, the service was silent past its timeout, the connection broke
 * before an answer, or the service answered 502, 503 or 504: each says the service (or what is behind it) is not
 * serving.</li>
 * <li>Not failures: every other answer, 4xx (the client's mistake) and 500 alike. A 500 is the service's own answer to
 * one request, often one bad input hitting a bug; counting it would let a single broken endpoint cut every client
 * off the whole service.</li>
 * </ul>
 */
public enum UpstreamOutcome {
    /** The service answered with a status that does not count as a failure. */
    ANSWERED("answered"),
    /** The service answered 502, 503 or 504. */
    UNAVAILABLE("unavailable"),
    /** No connection could be opened (after the one retry a GET or HEAD gets). */
    CONNECT_FAILURE("connect_failure"),
    /** The service did not answer within its timeout. */
    TIMEOUT("timeout"),
    /** The connection broke before the answer started. */
    RESET("reset"),
    /** The breaker was open: refused without a call. */
    REJECTED("rejected"),
    /** The client went away first; the call was cancelled. Says nothing about the service. */
    CANCELLED("cancelled");

    private final String tag;

    UpstreamOutcome(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /**
     * Whether the service answering {@code status} counts against its breaker. A 503 that says when to retry
     * ({@code Retry-After}) is the service's deliberate answer for one kind of request (order-service's payment
     * provider down, too many orders in flight): it must not cut clients off the whole service.
     */
    public static boolean unavailable(int status, boolean retryAfter) {
        return status == 502 || status == 504 || status == 503 && !retryAfter;
    }
}
