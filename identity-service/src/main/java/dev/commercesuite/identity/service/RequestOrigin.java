package dev.commercesuite.identity.service;

/** Who asked, as the audit log records it: client IP, user agent and request id. */
public record RequestOrigin(String ip, String userAgent, String requestId) {
}
