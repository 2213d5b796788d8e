package dev.commercesuite.gateway.route;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import dev.commercesuite.defaults.problem.Problems;
import dev.commercesuite.defaults.problem.RouterProblemHandlers;
import dev.commercesuite.gateway.config.GatewayConfig;
import dev.commercesuite.gateway.upstream.Upstream;
import dev.commercesuite.gateway.upstream.Upstreams;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's route table: each public path goes to the service that owns it (ARCHITECTURE.md's public API table),
 * streamed both ways without buffering on the event loop; {@code /internal/**} is never routed from outside. The
 * upstream gets the caller's request id and {@code X-Forwarded-For/-Proto/-Host}; hop-by-hop headers stay behind.
 * Each call goes through its service's circuit breaker and timeout ({@link ProxiedExchange}); a client that goes away
 * cancels its call.
 * Every route names its upstream; a name that is not one of {@link #upstreams} stops the gateway at start-up rather
 * than sending the path to some other service.
 */
@ApplicationScoped
public class UpstreamRoutes {

    /** A path pattern and the service that owns it. */
    record Route(String pathRegex, String service) {
    }

    /** A route with the base URLs of its service. */
    record ResolvedRoute(Route route, List<URI> upstream) {
    }

    static final List<Route> ROUTES = List.of(
            new Route("/api/v1/tenants(/.*)?", "identity"),
            new Route("/api/v1/auth/.+", "identity"),
            new Route("/api/v1/users/.+", "identity"),
            new Route("/api/v1/audit-events", "identity"),
            new Route("/\\.well-known/jwks\\.json", "identity"),
            new Route("/(forgot-password|reset-password|verify-email)", "identity"),
            new Route("/api/v1/products(/.*)?", "order"),
            new Route("/api/v1/orders(/.*)?", "order"),
            new Route("/api/v1/webhooks/stripe", "order"),
            new Route("/orders/.+", "order"),
            new Route("/api/v1/notifications(/.*)?", "notification"));

    private final GatewayConfig config;
    private final Upstreams upstreams;
    private final RouterProblemHandlers problems;
    private final List<GatewayStage> stages;

    public UpstreamRoutes(GatewayConfig config, Upstreams upstreams, RouterProblemHandlers problems,
            Instance<GatewayStage> stages) {
        this.config = config;
        this.upstreams = upstreams;
        this.problems = problems;
        this.stages = stages.stream().sorted(java.util.Comparator.comparingInt(GatewayStage::order)).toList();
    }

    void install(@Observes Router router, Vertx vertx) {
        GatewayConfig.Upstreams settings = config.upstreams();
        HttpClient client = vertx.httpClientBuilder()
                .with(new HttpClientOptions().setKeepAlive(true).setPipelining(false)
                        .setConnectTimeout((int) settings.connectTimeout().toMillis()))
                .with(new PoolOptions().setHttp1MaxSize(settings.maxConnections()))
                // a connection the upstream breaks is reported to the call that used it; nothing to log twice
                .withConnectHandler(connection -> connection.exceptionHandler(ProxiedExchange.QUIET))
                .build();
        // service-only endpoints are never reachable through the gateway, whatever else matches
        router.routeWithRegex("/internal(/.*)?").order(-10).handler(this::notFound);
        for (ResolvedRoute resolved : resolve(ROUTES, upstreams(settings))) {
            Route route = resolved.route();
            Upstream upstream = upstreams.get(route.service());
            var handlers = router.routeWithRegex(route.pathRegex()).order(-5).handler(ctx -> {
                ctx.request().pause(); // no body is read until the stages have let the request through
                if (!canonical(ctx.request().path())) {
                    ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                    problems.write(ctx, 400, "The path must be in canonical form: no ';' parameters, no '.' or '..'"
                            + " segments, no empty segments and no encoded '/', '.' or ';'.");
                    return;
                }
                Exchange.service(ctx, route.service());
                ctx.next();
            });
            for (GatewayStage stage : stages) {
                handlers = handlers.handler(stage);
            }
            handlers.handler(ctx -> new ProxiedExchange(ctx, upstream, client, problems).start());
        }
    }

    /**
     * Whether a raw request path is one every part of the gateway and every service reads the same way. Policies,
     * body limits and edge authentication match the path the gateway sees, while a service may strip matrix
     * parameters ({@code ;x}) or resolve dot segments before choosing its resource: a path where the two could differ
     * ({@code /api/v1/auth/login;x}, {@code /x/../api/v1/auth/login}) would slip past the login policy, so it is
     * refused rather than interpreted.
     */
    static boolean canonical(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        int segmentStart = 1;
        for (int i = 1; i <= path.length(); i++) {
            char c = i < path.length() ? path.charAt(i) : '/';
            if (c == ';' || c == '\\' || c == '%' && encodesDelimiter(path, i)) {
                return false;
            }
            if (c == '/') {
                int length = i - segmentStart;
                boolean last = i == path.length();
                if (length == 0 && !last || length == 1 && path.charAt(segmentStart) == '.'
                        || length == 2 && path.startsWith("..", segmentStart)) {
                    return false; // empty (a trailing slash aside), '.' or '..'
                }
                segmentStart = i + 1;
            }
        }
        return true;
    }

    private static boolean encodesDelimiter(String path, int percent) {
        if (percent + 2 >= path.length()) {
            return false;
        }
        char high = path.charAt(percent + 1);
        char low = Character.toLowerCase(path.charAt(percent + 2));
        return high == '2' && (low == 'e' || low == 'f') || high == '3' && low == 'b' || high == '5' && low == 'c';
    }

    /** The services routes may name, each with its configured base URLs. */
    static Map<String, List<URI>> upstreams(GatewayConfig.Upstreams upstreams) {
        return Map.of(
                "identity", upstreams.identity(),
                "order", upstreams.order(),
                "notification", upstreams.notification());
    }

    /**
     * Pairs each route with its service's base URLs.
     *
     * @throws IllegalStateException naming the route and the known services when a route names no known service
     */
    static List<ResolvedRoute> resolve(List<Route> routes, Map<String, List<URI>> upstreams) {
        List<ResolvedRoute> resolved = new ArrayList<>(routes.size());
        for (Route route : routes) {
            List<URI> upstream = upstreams.get(route.service());
            if (upstream == null) {
                throw new IllegalStateException("Gateway route " + route.pathRegex() + " names the upstream '"
                        + route.service() + "', which is not one of " + upstreams.keySet().stream().sorted().toList()
                        + " (gateway.upstreams.*)");
            }
            resolved.add(new ResolvedRoute(route, upstream));
        }
        return List.copyOf(resolved);
    }

    /**
     * A {@code Location} as the client must see it. A service resolves a created resource's URI against the request
     * it got, which came from the gateway, so the URI names the service's internal address
     * ({@code http://order-service:8082/api/v1/products/...}, the address the call went to): that becomes the path
     * alone, which the client resolves against the gateway's own address (RFC 9110, section 10.2.2). Any other value
     * passes unchanged.
     */
    static String publicLocation(String location, URI upstream) {
        URI target;
        try {
            target = new URI(location);
        } catch (java.net.URISyntaxException e) {
            return location;
        }
        if (!target.isAbsolute() || target.getHost() == null || !target.getHost().equalsIgnoreCase(upstream.getHost())
                || port(target) != port(upstream)) {
            return location;
        }
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        return path + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery())
                + (target.getRawFragment() == null ? "" : "#" + target.getRawFragment());
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private void notFound(RoutingContext ctx) {
        problems.write(ctx, 404, Problems.defaultDetail(404));
    }
}
