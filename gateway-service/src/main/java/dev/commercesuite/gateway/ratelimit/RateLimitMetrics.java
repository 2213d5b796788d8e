package dev.commercesuite.gateway.ratelimit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * The rate limiter's meters, created once per policy at start-up so that a request only increments: requests per
 * policy and outcome ({@code allowed}, {@code limited}: the 429s), latency per policy from the rate-limit stage to
 * the response's end, refusals of the IP stage by reason, and whether the replica is in its Redis fallback. Tags are
 * policy names and fixed words only, never paths or addresses.
 */
@Startup
@ApplicationScoped
public class RateLimitMetrics {

    private final Counter[] allowed;
    private final Counter[] limited;
    private final Timer[] latency;
    private final Counter blocked;
    private final Counter denied;
    private final CounterStore store;

    public RateLimitMetrics(MeterRegistry registry, RateLimitPolicies policies, CounterStore store) {
        List<RateLimitPolicy> all = policies.all();
        this.allowed = new Counter[all.size()];
        this.limited = new Counter[all.size()];
        this.latency = new Timer[all.size()];
        for (RateLimitPolicy policy : all) {
            allowed[policy.index()] = Counter.builder("gateway.rate.limit.requests")
                    .description("Requests a rate-limit policy applied to, by outcome")
                    .tag("policy", policy.name()).tag("outcome", "allowed").register(registry);
            limited[policy.index()] = Counter.builder("gateway.rate.limit.requests")
                    .description("Requests a rate-limit policy applied to, by outcome")
                    .tag("policy", policy.name()).tag("outcome", "limited").register(registry);
            latency[policy.index()] = Timer.builder("gateway.rate.limit.request.duration")
                    .description("Time from the rate-limit check to the end of the answer, per policy")
                    .tag("policy", policy.name()).register(registry);
        }
        this.blocked = Counter.builder("gateway.ip.refusals").description("Requests refused by client address")
                .tag("reason", "blocked").register(registry);
        this.denied = Counter.builder("gateway.ip.refusals").description("Requests refused by client address")
                .tag("reason", "denied").register(registry);
        this.store = store;
        Gauge.builder("gateway.rate.limit.fallback", this, metrics -> metrics.store.fallback() ? 1 : 0)
                .description("1 while this replica limits with in-process counters because Redis did not answer")
                .register(registry);
    }

    void allowed(RateLimitPolicy policy) {
        allowed[policy.index()].increment();
    }

    void limited(RateLimitPolicy policy) {
        limited[policy.index()].increment();
    }

    void latency(RateLimitPolicy policy, long nanos) {
        latency[policy.index()].record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void blocked() {
        blocked.increment();
    }

    void denied() {
        denied.increment();
    }
}
