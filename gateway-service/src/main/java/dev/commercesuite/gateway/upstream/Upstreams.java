package dev.commercesuite.gateway.upstream;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The services the gateway routes to, each with its addresses, its own timeout and its own circuit breaker (one
 * failing service never trips another's; the replicas of one service share its breaker, see the gateway's README),
 * and their meters: {@code gateway_upstream_breaker_state{upstream}} (0 closed, 1 half-open, 2 open),
 * {@code gateway_upstream_calls{upstream,outcome}} (a timer: count and latency per {@link UpstreamOutcome}) and
 * {@code gateway_upstream_retries_total{upstream}}.
 */
@ApplicationScoped
public class Upstreams {

    private final Map<String, Upstream> byName;

    public Upstreams(GatewayConfig config, MeterRegistry registry, Clock clock) {
        GatewayConfig.Upstreams upstreams = config.upstreams();
        Map<String, Upstream> built = new LinkedHashMap<>();
        add(built, "identity", upstreams.identity(), upstreams.identityTimeout(), upstreams, registry, clock);
        add(built, "order", upstreams.order(), upstreams.orderTimeout(), upstreams, registry, clock);
        add(built, "notification", upstreams.notification(), upstreams.notificationTimeout(), upstreams, registry,
                clock);
        this.byName = Collections.unmodifiableMap(built);
    }

    private static void add(Map<String, Upstream> built, String name, List<URI> baseUrls, Optional<Duration> timeout,
            GatewayConfig.Upstreams upstreams, MeterRegistry registry, Clock clock) {
        GatewayConfig.Breaker settings = upstreams.breaker();
        CircuitBreaker breaker = new CircuitBreaker(name, settings.failures(), settings.openFor(),
                settings.successes(), clock);
        Gauge.builder("gateway.upstream.breaker.state", breaker, b -> b.state().ordinal())
                .description("The upstream's circuit breaker: 0 closed, 1 half-open, 2 open")
                .tag("upstream", name).register(registry);
        UpstreamOutcome[] outcomes = UpstreamOutcome.values();
        Timer[] calls = new Timer[outcomes.length];
        for (UpstreamOutcome outcome : outcomes) {
            calls[outcome.ordinal()] = Timer.builder("gateway.upstream.calls")
                    .description("Calls to the upstream by how they ended, with their latency")
                    .tag("upstream", name).tag("outcome", outcome.tag()).register(registry);
        }
        Counter retries = Counter.builder("gateway.upstream.retries")
                .description("Requests sent again after a connect failure: to the next address, or a GET or HEAD"
                        + " once more")
                .tag("upstream", name).register(registry);
        built.put(name, new Upstream(name, baseUrls, timeout.orElse(upstreams.timeout()).toMillis(), breaker, calls,
                retries));
    }

    /** Every upstream by name, in a stable order (identity, order, notification). */
    public Map<String, Upstream> all() {
        return byName;
    }

    /** The upstream called {@code name}, or null. */
    public Upstream get(String name) {
        return byName.get(name);
    }
}
