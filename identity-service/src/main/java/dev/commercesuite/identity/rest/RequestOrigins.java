package dev.commercesuite.identity.rest;

import dev.commercesuite.defaults.requestid.RequestId;
import dev.commercesuite.identity.domain.RequestOrigin;
import io.vertx.core.http.HttpServerRequest;

/** The {@link RequestOrigin} of the HTTP request being served, for the audit log. */
public final class RequestOrigins {

    private RequestOrigins() {
    }

    public static RequestOrigin of(HttpServerRequest http) {
        String userAgent = http.getHeader("User-Agent");
        return new RequestOrigin(http.remoteAddress() == null ? null : http.remoteAddress().host(),
                userAgent == null || userAgent.length() <= RequestOrigin.MAX_USER_AGENT ? userAgent
                        : userAgent.substring(0, RequestOrigin.MAX_USER_AGENT),
                RequestId.current());
    }
}
