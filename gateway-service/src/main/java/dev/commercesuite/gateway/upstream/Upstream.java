package dev.commercesuite.gateway.upstream;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;

/**
 * One service behind the gateway with everything a forwarded call needs, worked out once at start-up: its address,
 * its timeout, its circuit breaker and its meters, so the forwarding path looks nothing up per request.
 */
public final class Upstream {

    private final String name;
    private final URI baseUrl;
    private final String host;
    private final int port;
    private final long timeoutMillis;
    private final CircuitBreaker breaker;
    private final Timer[] calls;
    private final Counter retries;

    Upstream(String name, URI baseUrl, long timeoutMillis, CircuitBreaker breaker, Timer[] calls, Counter retries) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.host = baseUrl.getHost();
        this.port = baseUrl.getPort() > 0 ? baseUrl.getPort() : 80;
        this.timeoutMillis = timeoutMillis;
        this.breaker = breaker;
        this.calls = calls;
        this.retries = retries;
    }

    /** The service's name as routes and metrics tags use it: {@code identity}, {@code order}, {@code notification}. */
    public String name() {
        return name;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /** Records how one call ended and how long it took since {@code startedNanos} ({@link System#nanoTime()}). */
    public void record(UpstreamOutcome outcome, long startedNanos) {
        calls[outcome.ordinal()].record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    /** Counts a GET or HEAD sent a second time after its first connection attempt failed. */
    public void retried() {
        retries.increment();
    }
}
