package dev.commercesuite.gateway.ratelimit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.commercesuite.gateway.config.AbuseConfig;
import dev.commercesuite.gateway.config.RateLimitConfig;
import io.quarkus.runtime.Startup;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Blocks a client address that keeps collecting 429s: more than {@code gateway.abuse.max-refusals} within
 * {@code window} blocks it for {@code block-for}, for every replica (a Redis key holding the block's end by the
 * gateway's clock). Blocks are rare, so a replica remembers "not blocked" per address for a second instead of asking
 * Redis on every request; its own blocks it knows at once. Without Redis (memory store, fallback) blocks are local.
 */
@Startup
@ApplicationScoped
public class AbuseBlocks {

    private static final Logger LOG = Logger.getLogger(AbuseBlocks.class);
    private static final long SWEEP_MILLIS = 10_000;

    private final CounterStore store;
    private final Vertx vertx;
    private final int maxRefusals;
    private final long windowMillis;
    private final long blockMillis;
    private final long cacheMillis;
    private final int maxAddresses;
    private final Map<String, Address> addresses = new ConcurrentHashMap<>();
    private final long sweepTimer;

    public AbuseBlocks(AbuseConfig config, RateLimitConfig rateLimit, CounterStore store, Vertx vertx, Clock clock) {
        this.store = store;
        this.vertx = vertx;
        this.maxRefusals = config.maxRefusals();
        this.windowMillis = config.window().toMillis();
        this.blockMillis = config.blockFor().toMillis();
        this.cacheMillis = config.blockCacheTtl().toMillis();
        this.maxAddresses = rateLimit.memoryMaxKeys();
        this.sweepTimer = vertx.setPeriodic(SWEEP_MILLIS, id -> sweep(clock.millis()));
    }

    /**
     * What this replica knows without asking: the time the address's block ends, 0 when it is known not to be
     * blocked, -1 when Redis must be asked ({@link #lookup}).
     */
    long known(String ip, long now) {
        Address address = addresses.get(ip);
        if (address != null) {
            if (address.blockedUntil > now) {
                return address.blockedUntil;
            }
            if (address.checkedUntil > now) {
                return 0;
            }
        }
        return store.available() ? -1 : 0;
    }

    /** Asks Redis whether the address is blocked and hands the block's end (0: not blocked) to {@code answer}. */
    void lookup(String ip, long now, Context context, LongConsumer answer) {
        store.send(Request.cmd(Command.GET).arg(blockedKey(ip)), context, new CounterStore.Reply() {
            @Override
            public void answered(Response response) {
                long until = response == null ? 0 : parse(response.toString());
                Address address = address(ip, now);
                address.checkedUntil = now + cacheMillis;
                if (until > now) {
                    address.blockedUntil = until;
                }
                answer.accept(until > now ? until : 0);
            }

            @Override
            public void failed() {
                answer.accept(0);
            }
        });
    }

    /** Counts a refusal of {@code ip}: a 429, or a bearer credential the edge refused. */
    public void refused(String ip, long now, Context context) {
        if (!store.available()) {
            countLocally(ip, now);
            return;
        }
        store.eval(RedisScript.REFUSAL, new String[] {"rl:refusals:{" + ip + '}', blockedKey(ip)},
                new String[] {Long.toString(now), Long.toString(windowMillis), Integer.toString(maxRefusals),
                        Long.toString(blockMillis)},
                context, new CounterStore.Reply() {
                    @Override
                    public void answered(Response response) {
                        if (response == null || response.size() < 2) {
                            return;
                        }
                        long until = response.get(0).toLong();
                        if (until > now) {
                            blocked(ip, now, until, response.get(1).toInteger() == 1);
                        }
                    }

                    @Override
                    public void failed() {
                        countLocally(ip, now);
                    }
                });
    }

    private void countLocally(String ip, long now) {
        Address address = address(ip, now);
        synchronized (address) {
            if (address.blockedUntil > now) {
                return;
            }
            if (now - address.windowStart >= windowMillis) {
                address.windowStart = now;
                address.refusals = 0;
            }
            address.refusals++;
            if (address.refusals > maxRefusals) {
                address.refusals = 0;
                blocked(ip, now, now + blockMillis, true);
            }
        }
    }

    private void blocked(String ip, long now, long until, boolean newly) {
        address(ip, now).blockedUntil = until;
        if (!newly) {
            return;
        }
        LOG.infof("Client address %s blocked for %d s after more than %d rate-limit refusals", ip,
                (until - now) / 1000, maxRefusals);
    }

    private Address address(String ip, long now) {
        Address address = addresses.get(ip);
        if (address != null) {
            return address;
        }
        if (addresses.size() >= maxAddresses) {
            sweep(now);
            if (addresses.size() >= maxAddresses) {
                // a flood of distinct addresses: forget what is cheap to learn again, never a block
                addresses.values().removeIf(entry -> entry.blockedUntil <= now);
            }
        }
        return addresses.computeIfAbsent(ip, key -> new Address());
    }

    private void sweep(long now) {
        addresses.values().removeIf(entry -> entry.blockedUntil <= now && entry.checkedUntil <= now
                && now - entry.windowStart >= windowMillis);
    }

    private static String blockedKey(String ip) {
        return "rl:blocked:{" + ip + '}';
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(sweepTimer);
    }

    /** What a replica knows about one address. */
    private static final class Address {
        volatile long blockedUntil;
        volatile long checkedUntil;
        long windowStart = Long.MIN_VALUE / 2;
        int refusals;
    }
}
