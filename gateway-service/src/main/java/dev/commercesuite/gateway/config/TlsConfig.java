package dev.commercesuite.gateway.config;

import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What the gateway does with plain HTTP while it terminates TLS itself (a certificate in
 * {@code quarkus.http.ssl.certificate.files}, from {@code GATEWAY_TLS_CERT_FILE}). Without a certificate the gateway
 * speaks plain HTTP only and these settings do nothing.
 */
@ConfigMapping(prefix = "gateway.tls")
public interface TlsConfig {

    /**
     * {@code redirect}: a plain-HTTP GET or HEAD is sent to the same URL over HTTPS (308) and any other method is
     * refused (403 {@code https-required}), since its credentials and body already crossed the network in clear;
     * {@code refuse}: every plain-HTTP request is refused; {@code allow}: plain HTTP is served as well. Health probes
     * ({@code /q/health/*}) are served over plain HTTP in every case.
     */
    @WithDefault("redirect")
    PlainHttp plainHttp();

    /** The HTTPS port redirects name, when clients reach it at another port than the gateway listens on. */
    OptionalInt redirectPort();

    enum PlainHttp {
        REDIRECT,
        REFUSE,
        ALLOW
    }
}
