package dev.commercesuite.identity.domain;

/** Who asked, as the audit log records it: client IP, user agent (at most 500 characters) and request id. */
public record RequestOrigin(String ip, String userAgent, String requestId) {

    public static final int MAX_USER_AGENT = 500;
}
