package dev.commercesuite.identity.service;

import dev.commercesuite.defaults.requestid.RequestId;
import io.vertx.core.http.HttpServerRequest;

/** Who asked, as the audit log records it: client IP, user agent (at most 500 characters) and request id. */
public record RequestOrigin(String ip, String userAgent, String requestId) {

    private static final int MAX_USER_AGENT = 500;

    /** The origin of the HTTP request being served. */
    public static RequestOrigin of(HttpServerRequest http) {
        String userAgent = http.getHeader("User-Agent");
        return new RequestOrigin(http.remoteAddress() == null ? null : http.remoteAddress().host(),
                userAgent == null || userAgent.length() <= MAX_USER_AGENT ? userAgent
                        : userAgent.substring(0, MAX_USER_AGENT),
                RequestId.current());
    }
}
