package dev.commercesuite.gateway.edge;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.commercesuite.defaults.problem.RouterProblemHandlers;
import dev.commercesuite.gateway.config.TlsConfig;
import dev.commercesuite.gateway.domain.GatewayProblem;
import dev.commercesuite.gateway.route.Exchange;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * While the gateway terminates TLS itself, plain HTTP is not a way in: a GET or HEAD is redirected to HTTPS and
 * anything else refused ({@code gateway.tls.plain-http}). Quarkus' own {@code quarkus.http.insecure-requests} cannot
 * do this here, because setting it without a certificate stops the start, and the same configuration must serve
 * {@code ./suite up} without one. A request a trusted proxy forwarded from HTTPS counts as HTTPS. Health probes stay
 * reachable over plain HTTP, as Kubernetes sends them.
 */
@ApplicationScoped
public class HttpsOnly {

    /** After CORS, so that a refusal an allowed origin gets is readable by its script. */
    public static final int PRIORITY = Cors.PRIORITY - 1;

    private static final String PROBES = "/q/health";

    private final boolean terminatesTls;
    private final TlsConfig.PlainHttp plainHttp;
    private final String portSuffix;
    private final RouterProblemHandlers problems;

    public HttpsOnly(TlsConfig config, RouterProblemHandlers problems,
            @ConfigProperty(name = "quarkus.http.ssl.certificate.files") Optional<List<String>> certificates,
            @ConfigProperty(name = "quarkus.http.ssl-port", defaultValue = "8443") int sslPort) {
        this.problems = problems;
        this.terminatesTls = certificates.filter(files -> !files.isEmpty()).isPresent();
        this.plainHttp = config.plainHttp();
        int port = config.redirectPort().orElse(sslPort);
        this.portSuffix = port == 443 ? "" : ":" + port;
    }

    void register(@Observes Filters filters) {
        if (terminatesTls && plainHttp != TlsConfig.PlainHttp.ALLOW) {
            filters.register(this::handle, PRIORITY);
        }
    }

    void handle(RoutingContext ctx) {
        if (Exchange.secure(ctx) || ctx.request().path() != null && ctx.request().path().startsWith(PROBES)) {
            ctx.next();
            return;
        }
        HttpMethod method = ctx.request().method();
        String host = host(ctx.request().getHeader(HttpHeaders.HOST));
        if (plainHttp == TlsConfig.PlainHttp.REDIRECT && host != null
                && (method == HttpMethod.GET || method == HttpMethod.HEAD)) {
            ctx.response().setStatusCode(308)
                    .putHeader(HttpHeaders.LOCATION, "https://" + host + portSuffix + ctx.request().uri())
                    .end();
            return;
        }
        problems.write(ctx, GatewayProblem.HTTPS_REQUIRED.of("This gateway serves HTTPS only; send the request to"
                + " https://" + (host == null ? "<this host>" : host) + portSuffix + " instead.",
                ctx.request().path()));
    }

    /** The host of a {@code Host} header without its port ({@code [::1]:80} keeps its brackets); null if unusable. */
    static String host(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        int close = value.lastIndexOf(']');
        int colon = value.lastIndexOf(':');
        String host = colon > close ? value.substring(0, colon) : value;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.'
                    || c == '-' || c == '[' || c == ']' || c == ':';
            if (!allowed) {
                return null; // never echo something odd into a Location
            }
        }
        return host.isEmpty() ? null : host;
    }
}
