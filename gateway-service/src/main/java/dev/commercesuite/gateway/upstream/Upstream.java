package dev.commercesuite.gateway.upstream;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;

/**
 * One service behind the gateway with everything a forwarded call needs, worked out once at start-up: its addresses,
 * its timeout, its circuit breaker and its meters, so the forwarding path looks nothing up per request.
 *
 * <p>A service has one address (in Kubernetes, its Service) or several (its replicas on one machine,
 * {@code ./suite up --replicas 2}). Calls take the addresses in turn ({@link #firstAddress()}, round robin across the
 * gateway's event loops), and a call whose connection is refused goes on to the next ({@link #address(int)}).
 */
public final class Upstream {

    /** One address of the service: a base URL, with the host and port a connection is opened to. */
    public record Address(URI baseUrl, String host, int port) {

        static Address of(URI baseUrl) {
            return new Address(baseUrl, baseUrl.getHost(), baseUrl.getPort() > 0 ? baseUrl.getPort() : 80);
        }
    }

    private final String name;
    private final List<Address> addresses;
    private final AtomicInteger turn = new AtomicInteger();
    private final long timeoutMillis;
    private final CircuitBreaker breaker;
    private final Timer[] calls;
    private final Counter retries;

    Upstream(String name, List<URI> baseUrls, long timeoutMillis, CircuitBreaker breaker, Timer[] calls,
            Counter retries) {
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("The " + name + " upstream needs at least one base URL");
        }
        this.name = name;
        this.addresses = baseUrls.stream().map(Address::of).toList();
        this.timeoutMillis = timeoutMillis;
        this.breaker = breaker;
        this.calls = calls;
        this.retries = retries;
    }

    /** The service's name as routes and metrics tags use it: {@code identity}, {@code order}, {@code notification}. */
    public String name() {
        return name;
    }

    /** Every address of the service, in the configured order. */
    public List<Address> addresses() {
        return addresses;
    }

    /** The index of the address a new call goes to first: each address in turn. */
    public int firstAddress() {
        return Math.floorMod(turn.getAndIncrement(), addresses.size());
    }

    /** The address at {@code index}, counted round the list ({@code firstAddress() + attempt}). */
    public Address address(int index) {
        return addresses.get(Math.floorMod(index, addresses.size()));
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

    /** Counts a request sent again after a connect failure (to the next address, or a GET or HEAD once more). */
    public void retried() {
        retries.increment();
    }
}
