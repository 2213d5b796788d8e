package dev.commercesuite.gateway.edge;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.commercesuite.defaults.problem.RouterProblemHandlers;
import dev.commercesuite.gateway.config.CorsConfig;
import dev.commercesuite.gateway.domain.GatewayProblem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS for the whole public API, answered at the edge so that no service needs settings of its own and a preflight
 * never costs a service a request. Only exact origins from {@code gateway.cors.origins} are allowed, always with
 * credentials (which is why {@code *} is refused at start-up). The gateway is the one authority: CORS headers a
 * service sends are dropped from every answer.
 * <p>
 * A request from an origin not on the list (not a preflight) is served without CORS headers, as nginx does, rather
 * than refused: the browser then keeps the answer from the calling script, and refusing would add nothing, since a
 * non-browser client can leave {@code Origin} out. It also keeps working what browsers send with an {@code Origin}
 * of the gateway's own: the form posts of the services' account pages.
 */
@ApplicationScoped
public class Cors {

    /** Right after the client's address is known. */
    public static final int PRIORITY = ClientAddress.PRIORITY - 1;

    static final CharSequence ALLOW_ORIGIN = HttpHeaders.createOptimized("Access-Control-Allow-Origin");
    static final CharSequence ALLOW_CREDENTIALS = HttpHeaders.createOptimized("Access-Control-Allow-Credentials");
    static final CharSequence ALLOW_METHODS = HttpHeaders.createOptimized("Access-Control-Allow-Methods");
    static final CharSequence ALLOW_HEADERS = HttpHeaders.createOptimized("Access-Control-Allow-Headers");
    static final CharSequence EXPOSE_HEADERS = HttpHeaders.createOptimized("Access-Control-Expose-Headers");
    static final CharSequence MAX_AGE = HttpHeaders.createOptimized("Access-Control-Max-Age");
    static final CharSequence REQUEST_METHOD = HttpHeaders.createOptimized("Access-Control-Request-Method");
    static final CharSequence REQUEST_HEADERS = HttpHeaders.createOptimized("Access-Control-Request-Headers");
    private static final CharSequence TRUE = HttpHeaders.createOptimized("true");
    private static final CharSequence ORIGIN = HttpHeaders.createOptimized("Origin");
    private static final CharSequence PREFLIGHT_VARY = HttpHeaders.createOptimized(
            "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");

    private final Set<String> origins;
    private final Set<String> methods;
    private final Set<String> headers;
    private final CharSequence allowMethods;
    private final CharSequence allowHeaders;
    private final CharSequence exposeHeaders;
    private final CharSequence maxAge;
    private final RouterProblemHandlers problems;

    public Cors(CorsConfig config, RouterProblemHandlers problems) {
        this.problems = problems;
        this.origins = Set.copyOf(origins(config.origins().orElse(List.of())));
        this.methods = new HashSet<>();
        for (String method : config.methods()) {
            methods.add(method.strip().toUpperCase(Locale.ROOT));
        }
        this.headers = new HashSet<>();
        for (String header : config.headers()) {
            headers.add(header.strip().toLowerCase(Locale.ROOT));
        }
        this.allowMethods = HttpHeaders.createOptimized(join(config.methods()));
        this.allowHeaders = HttpHeaders.createOptimized(join(config.headers()));
        this.exposeHeaders = HttpHeaders.createOptimized(join(config.exposedHeaders()));
        this.maxAge = HttpHeaders.createOptimized(Long.toString(config.maxAge().toSeconds()));
    }

    /**
     * The configured origins, lower-cased as browsers send them.
     *
     * @throws IllegalArgumentException naming the entry when one is {@code *} or not a bare {@code scheme://host[:port]}
     */
    static Set<String> origins(List<String> configured) {
        Set<String> origins = new HashSet<>();
        for (String entry : configured) {
            String origin = entry.strip();
            if (origin.isEmpty()) {
                continue;
            }
            if (origin.contains("*")) {
                throw new IllegalArgumentException("gateway.cors.origins (GATEWAY_CORS_ORIGINS) holds '" + origin
                        + "': wildcards are not allowed, because the gateway allows credentials; list each origin"
                        + " exactly, e.g. https://shop.example.com");
            }
            URI uri;
            try {
                uri = new URI(origin);
            } catch (URISyntaxException e) {
                uri = null;
            }
            boolean bare = uri != null && uri.getHost() != null && uri.getUserInfo() == null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
            if (!bare) {
                throw new IllegalArgumentException("gateway.cors.origins (GATEWAY_CORS_ORIGINS) holds '" + origin
                        + "', which is not an origin: scheme://host[:port] with no path or trailing slash, e.g."
                        + " http://localhost:3000");
            }
            origins.add(origin.toLowerCase(Locale.ROOT));
        }
        return origins;
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext ctx) {
        String origin = ctx.request().getHeader(ORIGIN);
        boolean allowed = origin != null && origins.contains(origin);
        if (origin != null && ctx.request().method() == HttpMethod.OPTIONS
                && ctx.request().getHeader(REQUEST_METHOD) != null) {
            preflight(ctx, origin, allowed);
            return;
        }
        if (allowed) {
            ctx.addHeadersEndHandler(ignored -> allow(ctx.response().headers(), origin));
        } else {
            // a cache must not hand this answer (without CORS headers) to an allowed origin: vary on Origin always
            ctx.addHeadersEndHandler(ignored -> {
                dropUpstreamCors(ctx.response().headers());
                varyOnOrigin(ctx.response().headers());
            });
        }
        ctx.next();
    }

    /**
     * A preflight is the gateway's to answer; it never reaches a service. A refused one carries no CORS header at
     * all, so the browser does not send the actual request.
     */
    private void preflight(RoutingContext ctx, String origin, boolean allowed) {
        MultiMap out = ctx.response().headers();
        out.set(HttpHeaders.VARY, PREFLIGHT_VARY);
        if (!allowed) {
            problems.write(ctx, GatewayProblem.ORIGIN_NOT_ALLOWED.of("The origin " + origin
                    + " may not call this API from a browser.", ctx.request().path()));
            return;
        }
        String method = ctx.request().getHeader(REQUEST_METHOD).strip();
        if (!methods.contains(method)) {
            problems.write(ctx, 403, "The method " + method + " is not allowed in cross-origin requests; allowed: "
                    + allowMethods + ".");
            return;
        }
        String requested = ctx.request().getHeader(REQUEST_HEADERS);
        if (requested != null) {
            for (String header : requested.split(",")) {
                String name = header.strip();
                if (!name.isEmpty() && !headers.contains(name.toLowerCase(Locale.ROOT))) {
                    problems.write(ctx, 403, "The header " + name + " is not allowed in cross-origin requests;"
                            + " allowed: " + allowHeaders + ".");
                    return;
                }
            }
        }
        out.set(ALLOW_ORIGIN, origin);
        out.set(ALLOW_CREDENTIALS, TRUE);
        out.set(ALLOW_METHODS, allowMethods);
        out.set(ALLOW_HEADERS, allowHeaders);
        out.set(MAX_AGE, maxAge);
        ctx.response().setStatusCode(204).end();
    }

    private void allow(MultiMap out, String origin) {
        dropUpstreamCors(out);
        out.set(ALLOW_ORIGIN, origin);
        out.set(ALLOW_CREDENTIALS, TRUE);
        out.set(EXPOSE_HEADERS, exposeHeaders);
        varyOnOrigin(out);
    }

    private static void dropUpstreamCors(MultiMap out) {
        out.remove(ALLOW_ORIGIN);
        out.remove(ALLOW_CREDENTIALS);
        out.remove(ALLOW_METHODS);
        out.remove(ALLOW_HEADERS);
        out.remove(EXPOSE_HEADERS);
        out.remove(MAX_AGE);
    }

    private static void varyOnOrigin(MultiMap out) {
        for (String vary : out.getAll(HttpHeaders.VARY)) {
            if (vary.contains("*") || vary.toLowerCase(Locale.ROOT).contains("origin")) {
                return;
            }
        }
        out.add(HttpHeaders.VARY, ORIGIN);
    }

    private static String join(List<String> values) {
        StringBuilder joined = new StringBuilder();
        for (String value : values) {
            if (!value.isBlank()) {
                joined.append(joined.isEmpty() ? "" : ", ").append(value.strip());
            }
        }
        return joined.toString();
    }
}
