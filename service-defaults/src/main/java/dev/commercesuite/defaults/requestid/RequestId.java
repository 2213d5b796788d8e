package dev.commercesuite.defaults.requestid;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jboss.logging.MDC;

/**
 * The request id of the request being served: the caller's {@code X-Request-Id} when it is well formed, otherwise a
 * fresh UUID. It is kept in the logging context, so every log line and every problem body of a request carries it.
 */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    /** The logging-context (MDC) key, also used as the routing-context key. */
    public static final String MDC_KEY = "requestId";

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{8,128}");

    private RequestId() {
    }

    /** The caller's id when it matches {@code [A-Za-z0-9._-]{8,128}}, else a new random UUID. */
    public static String acceptOrGenerate(String incoming) {
        if (incoming != null && ACCEPTED.matcher(incoming).matches()) {
            return incoming;
        }
        return UUID.randomUUID().toString();
    }

    /** The id of the current request, or {@code null} outside a request. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
