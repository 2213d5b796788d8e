package dev.commercesuite.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The security headers the gateway puts on every answer, its own and the services'. The defaults suit a JSON API;
 * the services' HTML pages keep the {@code Content-Security-Policy} and {@code Referrer-Policy} they set themselves.
 */
@ConfigMapping(prefix = "gateway.headers")
public interface HeadersConfig {

    /** {@code Strict-Transport-Security}, sent only on answers to requests that arrived over HTTPS. */
    @WithDefault("max-age=31536000; includeSubDomains")
    String strictTransportSecurity();

    /** {@code Referrer-Policy} for answers whose service set none. */
    @WithDefault("no-referrer")
    String referrerPolicy();

    /** {@code Permissions-Policy} for answers whose service set none: no powerful browser feature for anyone. */
    @WithDefault("accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
            + "payment=(), usb=()")
    String permissionsPolicy();

    /** {@code Content-Security-Policy} for JSON answers (problem+json included) whose service set none. */
    @WithDefault("default-src 'none'; frame-ancestors 'none'")
    String contentSecurityPolicy();
}
