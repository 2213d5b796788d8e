package dev.commercesuite.gateway.ratelimit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.commercesuite.gateway.config.RateLimitConfig;
import io.quarkus.runtime.Startup;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Response;

/**
 * Decides one rate-limit check: by the sliding-window script in Redis (one atomic round trip, so replicas share one
 * count), or by the in-process limiter when the store is {@code memory} or Redis did not answer in time. Keys are
 * hash-tagged per policy and subject ({@code rl:{login:ip:...}}) so each check touches one Redis Cluster slot. Time
 * comes from the gateway's clock, not Redis', so replicas need synchronised clocks (NTP), and tests can move it.
 */
@Startup
@ApplicationScoped
public class RateLimiter {

    private static final long SWEEP_MILLIS = 10_000;

    /** The most requests of one key counted by one script call (the script's arguments grow with it). */
    static final int MAX_BATCH = 256;

    /**
     * The most checks of one key that wait for its call in flight; more (a flood from one subject) are decided by the
     * in-process limiter, so waiting neither grows without bound nor outlasts the check's budget by many round trips.
     */
    static final int MAX_WAITING = 4 * MAX_BATCH;

    private final CounterStore store;
    private final LocalLimiter local;
    private final Vertx vertx;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong sequence = new AtomicLong();
    private final long sweepTimer;
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

    @Inject
    public RateLimiter(RateLimitConfig config, CounterStore store, Vertx vertx, Clock clock) {
        this(config.memoryMaxKeys(), store, vertx, clock);
    }

    RateLimiter(int maxLocalKeys, CounterStore store, Vertx vertx, Clock clock) {
        this.store = store;
        this.local = new LocalLimiter(maxLocalKeys);
        this.vertx = vertx;
        this.sweepTimer = vertx.setPeriodic(SWEEP_MILLIS, id -> local.sweep(clock.millis()));
    }

    /**
     * Counts a request of {@code key} (the subject, without the policy) against {@code policy} at {@code now} and
     * hands the decision to {@code decided} on {@code context}.
     *
     * <p>At most one script call per key is in flight: requests of a key that arrive meanwhile wait for it and then go
     * together in the next call, which counts as many of them as the limit still allows, first come first served.
     * Under load from one subject (many connections behind one address) this turns one Redis round trip per request
     * into one per batch, with the same exact count.
     */
    void check(RateLimitPolicy policy, String key, long now, Context context, Handler<Decision> decided) {
        String counter = "rl:{" + policy.name() + ':' + key + '}';
        if (!store.available()) {
            decided.handle(local.check(counter, policy, now));
            return;
        }
        Waiting waiting = new Waiting(now, context, decided);
        Lane lane = lanes.computeIfAbsent(counter, Lane::new);
        List<Waiting> batch;
        synchronized (lane) {
            if (lane.busy && lane.next.size() < MAX_WAITING) {
                lane.next.add(waiting);
                return;
            }
            if (lane.busy) {
                batch = null; // a flood from one subject: beyond what Redis can take in a few calls, count here
            } else {
                lane.busy = true;
                batch = List.of(waiting);
            }
        }
        if (batch == null) {
            decided.handle(local.check(counter, policy, now));
            return;
        }
        send(lane, policy, batch);
    }

    private void send(Lane lane, RateLimitPolicy policy, List<Waiting> batch) {
        long now = 0;
        for (Waiting waiting : batch) {
            now = Math.max(now, waiting.now());
        }
        long at = now;
        String member = instance + ':' + sequence.incrementAndGet();
        store.eval(RedisScript.SLIDING_WINDOW, new String[] {lane.counter},
                new String[] {Long.toString(at), Long.toString(policy.windowMillis()),
                        Integer.toString(policy.limit()), member, Integer.toString(batch.size())},
                batch.get(0).context(), new CounterStore.Reply() {
                    @Override
                    public void answered(Response response) {
                        decide(lane.counter, policy, batch, at, response);
                        sendNext(lane, policy);
                    }

                    @Override
                    public void failed() {
                        decide(lane.counter, policy, batch, at, null);
                        sendNext(lane, policy);
                    }
                });
    }

    /** Hands each waiting request its decision on its own context: the first ones granted, the rest refused. */
    private void decide(String counter, RateLimitPolicy policy, List<Waiting> batch, long now, Response response) {
        boolean answered = response != null && response.size() >= 3;
        int granted = answered ? response.get(0).toInteger() : 0;
        int remaining = answered ? Math.max(0, response.get(1).toInteger()) : 0;
        long reset = answered ? Math.min(Math.max(1, response.get(2).toLong()), policy.windowMillis()) : 0;
        for (int i = 0; i < batch.size(); i++) {
            Waiting waiting = batch.get(i);
            Decision decision;
            if (!answered) {
                decision = null;
            } else if (i < granted) {
                local.record(counter, policy, now);
                decision = new Decision(true, remaining + granted - i - 1, reset);
            } else {
                decision = new Decision(false, 0, reset);
            }
            waiting.deliver(decision, () -> local.check(counter, policy, waiting.now()));
        }
    }

    private void sendNext(Lane lane, RateLimitPolicy policy) {
        List<Waiting> batch;
        synchronized (lane) {
            if (lane.next.isEmpty()) {
                lane.busy = false;
                lanes.remove(lane.counter, lane);
                return;
            }
            int size = Math.min(MAX_BATCH, lane.next.size());
            batch = new ArrayList<>(lane.next.subList(0, size));
            lane.next.subList(0, size).clear();
        }
        if (!store.available()) {
            // the call that just failed switched the replica to its fallback: decide the rest here
            for (Waiting waiting : batch) {
                waiting.deliver(null, () -> local.check(lane.counter, policy, waiting.now()));
            }
            sendNext(lane, policy);
            return;
        }
        send(lane, policy, batch);
    }

    /** The checks of one key: whether a call is in flight, and who waits for the next one. */
    private static final class Lane {
        final String counter;
        final List<Waiting> next = new ArrayList<>();
        boolean busy;

        Lane(String counter) {
            this.counter = counter;
        }
    }

    /** A request waiting for its decision, with the context it must be answered on. */
    private record Waiting(long now, Context context, Handler<Decision> decided) {

        /** Delivers {@code decision}, or the in-process limiter's when Redis gave none, on the request's context. */
        void deliver(Decision decision, java.util.function.Supplier<Decision> fallback) {
            if (context == null || Vertx.currentContext() == context) {
                decided.handle(decision != null ? decision : fallback.get());
            } else {
                context.runOnContext(v -> decided.handle(decision != null ? decision : fallback.get()));
            }
        }
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(sweepTimer);
    }
}
