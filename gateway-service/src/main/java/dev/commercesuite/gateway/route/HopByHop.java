package dev.commercesuite.gateway.route;

/**
 * Headers that describe one connection rather than the message (RFC 9110, section 7.6.1), plus those the gateway
 * sets itself ({@code Host}, {@code X-Request-Id}, and the W3C trace context {@code traceparent} and
 * {@code tracestate}, which its tracing writes afresh for the call, a child of the gateway's span in the client's
 * trace): they never cross the gateway in either direction. A check without allocation, as it runs for every header
 * of every request and answer.
 */
final class HopByHop {

    private static final String[] NAMES = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "transfer-encoding", "upgrade", "host", "x-request-id", "traceparent", "tracestate"};

    private HopByHop() {
    }

    static boolean is(String header) {
        for (String name : NAMES) {
            if (name.length() == header.length() && name.equalsIgnoreCase(header)) {
                return true;
            }
        }
        return false;
    }
}
