package dev.commercesuite.gateway.health;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.commercesuite.gateway.config.GatewayConfig;
import dev.commercesuite.gateway.upstream.Upstream;
import dev.commercesuite.gateway.upstream.Upstreams;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /health}: whether the suite behind the gateway is serving, for uptime checks that can reach only the
 * public address. It asks every service's {@code /q/health/ready} in parallel (each with a short timeout, never
 * blocking) and answers {@code {"status":"UP"|"DOWN","services":{"identity":"UP",...}}}, 200 when all are UP and 503
 * otherwise: status only, no detail of what failed (that stays on the services' own probes). A service with several
 * addresses (replicas) is UP while any of them is ready: the gateway passes over a replica that refuses connections,
 * so the public API is served. One answer is reused for {@code gateway.upstreams.health.cache-for}, also while it is
 * being worked out, so frequent or concurrent checks cost the services one request each per period. This is not a readiness check of the gateway: the gateway's own
 * {@code /q/health/ready} never depends on the services, or one failing service would take the whole entry point out
 * of its load balancer. The path is not in the route table, so the route stages (rate limits, authentication) do not
 * apply to it.
 */
@ApplicationScoped
public class ServicesHealth {

    private static final Logger LOG = Logger.getLogger(ServicesHealth.class);

    static final String PATH = "/health";
    static final String READINESS = "/q/health/ready";

    /** An answer being worked out or worked out, reused until {@code until} (epoch millis). */
    private record Cached(long until, Future<Report> report) {
    }

    /** The aggregated answer: its status code and body. */
    private record Report(int status, String body) {
    }

    private final List<Upstream> services;
    private final long timeoutMillis;
    private final long cacheForMillis;
    private final Clock clock;
    private final AtomicReference<Cached> cached = new AtomicReference<>();
    private HttpClient client;

    public ServicesHealth(GatewayConfig config, Upstreams upstreams, Clock clock) {
        this.services = List.copyOf(upstreams.all().values());
        this.timeoutMillis = config.upstreams().health().timeout().toMillis();
        this.cacheForMillis = config.upstreams().health().cacheFor().toMillis();
        this.clock = clock;
    }

    void install(@Observes Router router, Vertx vertx) {
        client = vertx.httpClientBuilder()
                .with(new HttpClientOptions().setKeepAlive(true).setConnectTimeout((int) timeoutMillis))
                .with(new PoolOptions().setHttp1MaxSize(2)) // per address
                // a broken connection fails its check, which says DOWN; nothing to log as an error of the gateway
                .withConnectHandler(connection -> connection.exceptionHandler(
                        failure -> LOG.debugf("Readiness check connection failed: %s", failure)))
                .build();
        router.get(PATH).handler(this::answer);
    }

    private void answer(RoutingContext ctx) {
        Context context = Vertx.currentContext();
        report().onComplete(done -> context.runOnContext(ignored -> {
            if (ctx.response().closed()) {
                return;
            }
            Report report = done.succeeded() ? done.result() : new Report(503, "{\"status\":\"DOWN\"}");
            ctx.response().setStatusCode(report.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(report.body());
        }));
    }

    private Future<Report> report() {
        long now = clock.millis();
        Cached current = cached.get();
        if (current != null && now < current.until()) {
            return current.report();
        }
        Promise<Report> fresh = Promise.promise();
        if (!cached.compareAndSet(current, new Cached(now + cacheForMillis, fresh.future()))) {
            return cached.get().report(); // another request started the round first
        }
        List<Future<Boolean>> checks = new ArrayList<>(services.size());
        for (Upstream service : services) {
            checks.add(ready(service));
        }
        Future.join(checks).onComplete(ignored -> fresh.complete(report(checks)));
        return fresh.future();
    }

    private Future<Boolean> ready(Upstream service) {
        List<Future<Boolean>> addresses = new ArrayList<>(service.addresses().size());
        for (Upstream.Address address : service.addresses()) {
            addresses.add(ready(address));
        }
        return Future.join(addresses).transform(ignored -> Future.succeededFuture(
                addresses.stream().anyMatch(check -> Boolean.TRUE.equals(check.result()))));
    }

    private Future<Boolean> ready(Upstream.Address address) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(address.host())
                .setPort(address.port()).setURI(READINESS).setTimeout(timeoutMillis);
        return client.request(request)
                .compose(call -> call.send())
                .compose(response -> response.body().map(body -> response.statusCode() == 200))
                .otherwise(false);
    }

    private Report report(List<Future<Boolean>> checks) {
        boolean allUp = true;
        StringBuilder services = new StringBuilder("{");
        for (int i = 0; i < checks.size(); i++) {
            boolean up = Boolean.TRUE.equals(checks.get(i).result());
            allUp &= up;
            services.append(i == 0 ? "" : ",").append('"').append(this.services.get(i).name()).append("\":\"")
                    .append(up ? "UP" : "DOWN").append('"');
        }
        services.append('}');
        return new Report(allUp ? 200 : 503,
                "{\"status\":\"" + (allUp ? "UP" : "DOWN") + "\",\"services\":" + services + "}");
    }
}
