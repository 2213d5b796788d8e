package dev.commercesuite.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.commercesuite.gateway.config.RateLimitConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The gateway's way to Redis for rate limits and blocks, with the fallback: every call has a budget
 * ({@code gateway.rate-limit.redis-timeout}); a call that fails or runs over it switches the replica to its
 * in-process limiter (logged once), after which no request waits for Redis any more: a timer asks Redis (PING) every
 * {@code redis-probe-interval} and switches back when it answers. A replica that falls back again within a minute
 * of returning (an overloaded Redis answers PING but not checks in time) doubles the interval, up to 30 s, and logs
 * the episode once rather than every round. Uses the bare Vert.x client, one round trip per
 * call, and answers on the caller's Vert.x context.
 */
@ApplicationScoped
public class CounterStore {

    private static final Logger LOG = Logger.getLogger(CounterStore.class);
    private static final long WARM_UP_SECONDS = 5;
    /** Back in the fallback within this time of leaving it counts as one episode (no second WARN, longer probes). */
    private static final long STABLE_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long MAX_PROBE_MILLIS = 30_000;

    /** What a call to Redis ends with; called once, on the caller's context. */
    interface Reply {
        void answered(Response response);

        void failed();
    }

    private final boolean redisStore;
    private final Redis redis;
    private final Vertx vertx;
    private final long timeoutMillis;
    private final long probeMillis;
    private final AtomicBoolean fallback = new AtomicBoolean();
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile long probeTimer = -1;
    private volatile long recoveredAt;
    private volatile long currentProbeMillis;
    private volatile boolean quiet;

    @Inject
    public CounterStore(RateLimitConfig config, Instance<Redis> redis, Vertx vertx) {
        this(config.store() == RateLimitConfig.Store.REDIS ? redis.get() : null, vertx, config.redisTimeout(),
                config.redisProbeInterval());
    }

    /** A store on {@code redis}, or an in-process one when {@code redis} is null. */
    CounterStore(Redis redis, Vertx vertx, Duration timeout, Duration probeInterval) {
        this.redisStore = redis != null;
        this.redis = redis;
        this.vertx = vertx;
        this.timeoutMillis = Math.max(1, timeout.toMillis());
        this.probeMillis = Math.max(10, probeInterval.toMillis());
        this.currentProbeMillis = probeMillis;
    }

    /** Whether counters live in Redis (else in this process only). */
    public boolean usesRedis() {
        return redisStore;
    }

    /** Whether the replica decides by its in-process limiter because Redis did not answer. */
    public boolean fallback() {
        return fallback.get();
    }

    /** Whether Redis is to be asked at all right now. */
    boolean available() {
        return redisStore && !fallback.get();
    }

    /** Runs {@code script} with its keys and arguments; fails at once while in fallback. */
    void eval(RedisScript script, String[] keys, String[] args, Context context, Reply reply) {
        if (!available()) {
            reply.failed();
            return;
        }
        new Call(script, keys, args, context, reply).start(evalsha(script, keys, args));
    }

    /** Sends one command; fails at once while in fallback. */
    void send(Request request, Context context, Reply reply) {
        if (!available()) {
            reply.failed();
            return;
        }
        new Call(null, null, null, context, reply).start(request);
    }

    /** Records what the readiness check saw, so the replica leaves or enters the fallback without waiting for traffic. */
    public void observed(boolean answered) {
        if (!redisStore) {
            return;
        }
        if (answered) {
            recovered();
        } else {
            failed(null);
        }
    }

    private static Request evalsha(RedisScript script, String[] keys, String[] args) {
        Request request = Request.cmd(Command.EVALSHA).arg(script.sha()).arg(keys.length);
        return withArguments(request, keys, args);
    }

    private static Request eval(RedisScript script, String[] keys, String[] args) {
        Request request = Request.cmd(Command.EVAL).arg(script.source()).arg(keys.length);
        return withArguments(request, keys, args);
    }

    private static Request withArguments(Request request, String[] keys, String[] args) {
        for (String key : keys) {
            request.arg(key);
        }
        for (String arg : args) {
            request.arg(arg);
        }
        return request;
    }

    private void failed(Throwable cause) {
        if (fallback.compareAndSet(false, true)) {
            // back in the fallback soon after leaving it: Redis answers a PING but not checks in time (overload);
            // wait longer before the next try, and say so once per episode, not once per round
            boolean flapping = recoveredAt != 0 && System.nanoTime() - recoveredAt < STABLE_NANOS;
            currentProbeMillis = flapping ? Math.min(currentProbeMillis * 2, MAX_PROBE_MILLIS) : probeMillis;
            if (flapping) {
                LOG.debugf("Redis missed a rate-limit check again; next try in %d ms", currentProbeMillis);
            } else {
                LOG.warnf("Redis did not answer a rate-limit check (%s): this replica now limits with its"
                        + " in-process counters and asks Redis again every %d ms", cause == null ? "readiness check"
                                : cause.getClass().getSimpleName(), probeMillis);
            }
            quiet = flapping;
            probeTimer = vertx.setPeriodic(currentProbeMillis, id -> probe());
        }
    }

    private void recovered() {
        if (fallback.compareAndSet(true, false)) {
            long timer = probeTimer;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            recoveredAt = System.nanoTime();
            if (quiet) {
                LOG.debug("Redis answers again");
            } else {
                LOG.info("Redis answers again: rate limits are shared by every replica once more");
            }
        }
    }

    private void probe() {
        if (!fallback.get() || !probing.compareAndSet(false, true)) {
            return;
        }
        new Call(null, null, null, null, new Reply() {
            @Override
            public void answered(Response response) {
                probing.set(false);
                recovered();
            }

            @Override
            public void failed() {
                probing.set(false);
            }
        }).probe(Request.cmd(Command.PING));
    }

    /**
     * Before the gateway serves: opens a connection, loads the scripts and runs the check once, so that the first
     * requests neither pay for class loading and a cold connection within their budget nor switch a replica that
     * just started into its fallback. Runs on the main thread, so waiting here blocks no event loop; a Redis that is
     * not there yet changes nothing (the first checks fall back, readiness says so).
     */
    void warmUp(@Observes StartupEvent started) {
        if (!redisStore) {
            return;
        }
        try {
            redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(RedisScript.SLIDING_WINDOW.source()))
                    .compose(loaded -> redis.send(Request.cmd(Command.SCRIPT).arg("LOAD")
                            .arg(RedisScript.REFUSAL.source())))
                    .compose(loaded -> redis.send(evalsha(RedisScript.SLIDING_WINDOW, new String[] {"rl:{warm-up}"},
                            new String[] {"0", "1000", "1", "warm-up", "1"})))
                    .toCompletionStage().toCompletableFuture().get(WARM_UP_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("Redis did not answer the warm-up: %s", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        long timer = probeTimer;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One call with its budget: whichever comes first, the answer or the timer, decides; the other is ignored. */
    private final class Call implements Handler<AsyncResult<Response>> {

        private final RedisScript script;
        private final String[] keys;
        private final String[] args;
        private final Context context;
        private final Reply reply;
        private final AtomicInteger state = new AtomicInteger();
        private boolean retried;
        private long timer;

        Call(RedisScript script, String[] keys, String[] args, Context context, Reply reply) {
            this.script = script;
            this.keys = keys;
            this.args = args;
            this.context = context;
            this.reply = reply;
        }

        void start(Request request) {
            timer = vertx.setTimer(timeoutMillis, id -> finish(false, null, new TimeoutException(
                    "no answer within " + timeoutMillis + " ms")));
            redis.send(request).onComplete(this);
        }

        void probe(Request request) {
            timer = vertx.setTimer(Math.max(timeoutMillis, probeMillis), id -> finish(false, null, null));
            redis.send(request).onComplete(this);
        }

        @Override
        public void handle(AsyncResult<Response> result) {
            if (result.failed() && script != null && !retried && noScript(result.cause())) {
                retried = true;
                redis.send(eval(script, keys, args)).onComplete(this);
                return;
            }
            vertx.cancelTimer(timer);
            finish(result.succeeded(), result.result(), result.cause());
        }

        private void finish(boolean ok, Response response, Throwable failure) {
            if (!state.compareAndSet(0, 1)) {
                return;
            }
            if (!ok && context != null) {
                CounterStore.this.failed(failure);
            }
            if (context == null || Vertx.currentContext() == context) {
                deliver(ok, response);
            } else {
                context.runOnContext(v -> deliver(ok, response));
            }
        }

        private void deliver(boolean ok, Response response) {
            if (ok) {
                reply.answered(response);
            } else {
                reply.failed();
            }
        }

        private static boolean noScript(Throwable failure) {
            String message = failure == null ? null : failure.getMessage();
            return message != null && message.startsWith("NOSCRIPT");
        }
    }
}
