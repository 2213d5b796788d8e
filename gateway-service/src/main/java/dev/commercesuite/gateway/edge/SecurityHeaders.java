package dev.commercesuite.gateway.edge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.commercesuite.defaults.requestid.RequestIdFilter;
import dev.commercesuite.gateway.config.HeadersConfig;
import dev.commercesuite.gateway.route.Exchange;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The browser-facing security headers on every answer that leaves the gateway: the services' relayed answers, the
 * gateway's own problems and preflights, and {@code /q/*}. They are added as the head is written, so they land on
 * answers written by any handler, and they are the gateway's to decide: a service's {@code Server} or
 * {@code X-Powered-By} is dropped, while the policies a service's HTML pages set for themselves
 * ({@code Content-Security-Policy}, {@code Referrer-Policy}, {@code Permissions-Policy}) are kept.
 * HSTS goes only on answers to requests that came over HTTPS (directly or per a trusted proxy), as RFC 6797 asks.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** Ahead of every other filter, so that even the earliest refusal carries the headers. */
    public static final int PRIORITY = RequestIdFilter.PRIORITY + 1;

    static final CharSequence STRICT_TRANSPORT_SECURITY = HttpHeaders.createOptimized("Strict-Transport-Security");
    static final CharSequence CONTENT_TYPE_OPTIONS = HttpHeaders.createOptimized("X-Content-Type-Options");
    static final CharSequence FRAME_OPTIONS = HttpHeaders.createOptimized("X-Frame-Options");
    static final CharSequence REFERRER_POLICY = HttpHeaders.createOptimized("Referrer-Policy");
    static final CharSequence PERMISSIONS_POLICY = HttpHeaders.createOptimized("Permissions-Policy");
    static final CharSequence CONTENT_SECURITY_POLICY = HttpHeaders.createOptimized("Content-Security-Policy");
    static final CharSequence SERVER = HttpHeaders.createOptimized("Server");
    static final CharSequence POWERED_BY = HttpHeaders.createOptimized("X-Powered-By");
    private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    private static final CharSequence DENY = HttpHeaders.createOptimized("DENY");

    private final CharSequence strictTransportSecurity;
    private final CharSequence referrerPolicy;
    private final CharSequence permissionsPolicy;
    private final CharSequence contentSecurityPolicy;

    public SecurityHeaders(HeadersConfig config) {
        this.strictTransportSecurity = HttpHeaders.createOptimized(config.strictTransportSecurity());
        this.referrerPolicy = HttpHeaders.createOptimized(config.referrerPolicy());
        this.permissionsPolicy = HttpHeaders.createOptimized(config.permissionsPolicy());
        this.contentSecurityPolicy = HttpHeaders.createOptimized(config.contentSecurityPolicy());
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext ctx) {
        ctx.addHeadersEndHandler(ignored -> apply(ctx.response().headers(), Exchange.secure(ctx)));
        ctx.next();
    }

    void apply(MultiMap out, boolean secure) {
        out.remove(SERVER);
        out.remove(POWERED_BY);
        out.set(CONTENT_TYPE_OPTIONS, NOSNIFF);
        out.set(FRAME_OPTIONS, DENY);
        if (!out.contains(REFERRER_POLICY)) {
            out.set(REFERRER_POLICY, referrerPolicy);
        }
        if (!out.contains(PERMISSIONS_POLICY)) {
            out.set(PERMISSIONS_POLICY, permissionsPolicy);
        }
        if (secure) {
            out.set(STRICT_TRANSPORT_SECURITY, strictTransportSecurity);
        } else {
            out.remove(STRICT_TRANSPORT_SECURITY); // a service cannot tell; over plain HTTP the header is meaningless
        }
        if (!out.contains(CONTENT_SECURITY_POLICY) && isJson(out.get(HttpHeaders.CONTENT_TYPE))) {
            out.set(CONTENT_SECURITY_POLICY, contentSecurityPolicy);
        }
    }

    /** {@code application/json} or any {@code application/*+json} (problem+json, merge-patch+json, ...). */
    static boolean isJson(String contentType) {
        if (contentType == null || !contentType.regionMatches(true, 0, "application/", 0, 12)) {
            return false;
        }
        int end = contentType.indexOf(';');
        int subtypeEnd = (end < 0 ? contentType.length() : end);
        while (subtypeEnd > 12 && contentType.charAt(subtypeEnd - 1) == ' ') {
            subtypeEnd--;
        }
        return subtypeEnd >= 16 && contentType.regionMatches(true, subtypeEnd - 4, "json", 0, 4)
                && (subtypeEnd == 16 || contentType.charAt(subtypeEnd - 5) == '+');
    }
}
