package dev.commercesuite.gateway.route;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.commercesuite.defaults.problem.Problems;
import dev.commercesuite.defaults.problem.RouterProblemHandlers;
import dev.commercesuite.defaults.requestid.RequestId;
import dev.commercesuite.gateway.config.GatewayConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's route table: each public path goes to the service that owns it (ARCHITECTURE.md's public API table),
 * streamed both ways without buffering on the event loop; {@code /internal/**} is never routed from outside. The
 * upstream gets the caller's request id and {@code X-Forwarded-For/-Proto/-Host}; hop-by-hop headers stay behind.
 * An upstream that cannot be reached answers 502, one that does not answer in time 504, both as problem+json.
 * Every route names its upstream; a name that is not one of {@link #upstreams} stops the gateway at start-up rather
 * than sending the path to some other service.
 */
@ApplicationScoped
public class UpstreamRoutes {

    private static final Logger LOG = Logger.getLogger(UpstreamRoutes.class);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "x-request-id");

    /** A path pattern and the service that owns it. */
    record Route(String pathRegex, String service) {
    }

    /** A route with the base URL of its service. */
    record ResolvedRoute(Route route, URI upstream) {
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
    private final RouterProblemHandlers problems;
    private final List<GatewayStage> stages;
    private HttpClient client;

    public UpstreamRoutes(GatewayConfig config, RouterProblemHandlers problems, Instance<GatewayStage> stages) {
        this.config = config;
        this.problems = problems;
        this.stages = stages.stream().sorted(java.util.Comparator.comparingInt(GatewayStage::order)).toList();
    }

    void install(@Observes Router router, Vertx vertx) {
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(50)
                .setConnectTimeout(2_000));
        // service-only endpoints are never reachable through the gateway, whatever else matches
        router.routeWithRegex("/internal(/.*)?").order(-10).handler(ctx -> problem(ctx, 404, null));
        for (ResolvedRoute resolved : resolve(ROUTES, upstreams(config.upstreams()))) {
            Route route = resolved.route();
            var handlers = router.routeWithRegex(route.pathRegex()).order(-5).handler(ctx -> {
                ctx.request().pause(); // no body is read until the stages have let the request through
                Exchange.service(ctx, route.service());
                ctx.next();
            });
            for (GatewayStage stage : stages) {
                handlers = handlers.handler(stage);
            }
            handlers.handler(ctx -> forward(ctx, resolved.upstream(), route.service()));
        }
    }

    /** The services routes may name, each with its configured base URL. */
    static Map<String, URI> upstreams(GatewayConfig.Upstreams upstreams) {
        return Map.of(
                "identity", upstreams.identity(),
                "order", upstreams.order(),
                "notification", upstreams.notification());
    }

    /**
     * Pairs each route with its service's base URL.
     *
     * @throws IllegalStateException naming the route and the known services when a route names no known service
     */
    static List<ResolvedRoute> resolve(List<Route> routes, Map<String, URI> upstreams) {
        List<ResolvedRoute> resolved = new ArrayList<>(routes.size());
        for (Route route : routes) {
            URI upstream = upstreams.get(route.service());
            if (upstream == null) {
                throw new IllegalStateException("Gateway route " + route.pathRegex() + " names the upstream '"
                        + route.service() + "', which is not one of " + upstreams.keySet().stream().sorted().toList()
                        + " (gateway.upstreams.*)");
            }
            resolved.add(new ResolvedRoute(route, upstream));
        }
        return List.copyOf(resolved);
    }

    private void forward(RoutingContext ctx, URI upstream, String service) {
        HttpServerRequest in = ctx.request();
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(upstream.getHost())
                .setPort(upstream.getPort() > 0 ? upstream.getPort() : 80)
                .setURI(in.uri())
                .setTimeout(config.upstreams().timeout().toMillis());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        in.headers().forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(header.getKey(), header.getValue());
            }
        });
        String requestId = ctx.get(RequestId.MDC_KEY);
        if (requestId != null) {
            headers.set(RequestId.HEADER, requestId);
        }
        // the services see the client the gateway resolved (ClientAddress): a chain only from trusted proxies
        String caller = in.remoteAddress() == null ? null : in.remoteAddress().hostAddress();
        String forwardedFor = in.getHeader("X-Forwarded-For");
        String clientIp = Exchange.clientIp(ctx);
        if (caller != null) {
            headers.set("X-Forwarded-For", forwardedFor == null || clientIp.equals(caller) ? caller
                    : forwardedFor + ", " + caller);
        }
        headers.set("X-Forwarded-Proto", Exchange.secure(ctx) ? "https" : "http");
        if (in.getHeader(HttpHeaders.HOST) != null) {
            headers.set("X-Forwarded-Host", in.getHeader(HttpHeaders.HOST));
        }
        Buffer buffered = Exchange.bufferedBody(ctx);
        if (buffered != null) {
            headers.remove(HttpHeaders.TRANSFER_ENCODING);
            headers.set(HttpHeaders.CONTENT_LENGTH, Integer.toString(buffered.length()));
        }
        options.setHeaders(headers);
        client.request(options)
                .compose(out -> {
                    if (buffered != null) {
                        return out.send(buffered); // a stage read the body whole (see GatewayStage)
                    }
                    if ("chunked".equalsIgnoreCase(in.getHeader(HttpHeaders.TRANSFER_ENCODING))) {
                        out.setChunked(true); // a streamed upload stays streamed
                    }
                    return out.send(in);
                })
                .onSuccess(response -> relay(ctx, response, upstream))
                .onFailure(failure -> {
                    boolean timedOut = failure instanceof java.util.concurrent.TimeoutException
                            || String.valueOf(failure.getMessage()).contains("timeout");
                    LOG.warnf("Upstream %s failed for %s %s: %s", service, in.method(), in.path(), failure.toString());
                    problem(ctx, timedOut ? 504 : 502, service);
                });
    }

    private static void relay(RoutingContext ctx, HttpClientResponse response, URI upstream) {
        var out = ctx.response();
        out.setStatusCode(response.statusCode());
        if (response.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            out.setChunked(true); // the upstream streams; so does the gateway
        }
        response.headers().forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                boolean location = header.getKey().equalsIgnoreCase(HttpHeaders.LOCATION.toString());
                out.headers().add(header.getKey(), location ? publicLocation(header.getValue(), upstream)
                        : header.getValue());
            }
        });
        response.pipeTo(out);
    }

    /**
     * A {@code Location} as the client must see it. A service resolves a created resource's URI against the request
     * it got, which came from the gateway, so the URI names the service's internal address
     * ({@code http://order-service:8082/api/v1/products/...}): that becomes the path alone, which the client resolves
     * against the gateway's own address (RFC 9110, section 10.2.2). Any other value passes unchanged.
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

    private void problem(RoutingContext ctx, int status, String service) {
        problems.write(ctx, status, status == 404 ? Problems.defaultDetail(404)
                : status == 504 ? "The " + service + " service did not answer in time; try again."
                : "The " + service + " service cannot be reached right now; try again shortly.");
    }
}
