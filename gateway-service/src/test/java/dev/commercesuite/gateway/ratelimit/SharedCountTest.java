package dev.commercesuite.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.RedisOutage;
import dev.commercesuite.gateway.config.RateLimitConfig.KeyKind;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

/**
 * Two limiters, each on its own Vert.x instance and Redis client as two gateway replicas would be, share one count in
 * one Redis; a Redis that accepts connections but never answers costs one budget, after which the limiter decides
 * in process.
 */
class SharedCountTest {

    private static final RateLimitPolicy FIVE_A_MINUTE = RateLimitPolicy.of(0, "shared", 0, false, 5, 60_000,
            KeyKind.IP, null, List.of(PathPattern.parse("/**")));

    private final List<Vertx> replicas = new ArrayList<>();

    @AfterEach
    void stop() {
        replicas.forEach(Vertx::close);
    }

    @Test
    void twoReplicasShareOneCount() throws Exception {
        // a budget no stall of a shared, loaded test machine reaches: a replica in its fallback would count alone
        RateLimiter first = limiter(RedisOutage.redisUri(), Duration.ofSeconds(10));
        RateLimiter second = limiter(RedisOutage.redisUri(), Duration.ofSeconds(10));
        String key = "ip:" + UUID.randomUUID();
        long now = System.currentTimeMillis();

        List<CompletableFuture<Decision>> decisions = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            decisions.add(check(i % 2 == 0 ? first : second, i % 2, key, now));
        }
        int allowed = 0;
        for (CompletableFuture<Decision> decision : decisions) {
            allowed += decision.get(60, TimeUnit.SECONDS).allowed() ? 1 : 0;
        }

        assertEquals(5, allowed);
        assertFalse(check(first, 0, key, now + 59_000).get(60, TimeUnit.SECONDS).allowed());
        assertTrue(check(second, 1, key, now + 60_000).get(60, TimeUnit.SECONDS).allowed());
    }

    @Test
    void checksOfOneKeyThatArriveTogetherShareCallsAndAreCountedExactlyFirstComeFirstServed() throws Exception {
        RateLimitPolicy fifty = RateLimitPolicy.of(0, "batched", 0, false, 50, 60_000, KeyKind.IP, null,
                List.of(PathPattern.parse("/**")));
        RateLimiter limiter = limiter(RedisOutage.redisUri(), Duration.ofSeconds(2));
        String key = "ip:" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        long callsBefore = evalshaCalls();

        List<CompletableFuture<Decision>> decisions = new ArrayList<>();
        Vertx vertx = replicas.get(0);
        CompletableFuture<Void> sent = new CompletableFuture<>();
        vertx.runOnContext(start -> {
            for (int i = 0; i < 200; i++) {
                CompletableFuture<Decision> decided = new CompletableFuture<>();
                decisions.add(decided);
                limiter.check(fifty, key, now, Vertx.currentContext(), decided::complete);
            }
            sent.complete(null);
        });
        sent.get(10, TimeUnit.SECONDS);

        List<Integer> remainingOfAllowed = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            Decision decision = decisions.get(i).get(10, TimeUnit.SECONDS);
            if (decision.allowed()) {
                remainingOfAllowed.add(decision.remaining());
            }
            assertEquals(i < 50, decision.allowed(), "check " + i);
        }
        assertEquals(java.util.stream.IntStream.iterate(49, r -> r - 1).limit(50).boxed().toList(), remainingOfAllowed);
        long calls = evalshaCalls() - callsBefore;
        assertTrue(calls >= 2 && calls <= 10, "200 checks of one key took " + calls + " script calls");
    }

    @Test
    void aFloodOfOneKeyBeyondWhatMayWaitIsDecidedInProcessAndEveryCheckIsAnswered() throws Exception {
        RateLimitPolicy tenThousand = RateLimitPolicy.of(0, "flood", 0, false, 10_000, 60_000, KeyKind.IP, null,
                List.of(PathPattern.parse("/**")));
        RateLimiter limiter = limiter(RedisOutage.redisUri(), Duration.ofSeconds(2));
        String key = "ip:" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        int checks = RateLimiter.MAX_WAITING + 500;

        List<CompletableFuture<Decision>> decisions = new ArrayList<>();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        replicas.get(0).runOnContext(start -> {
            for (int i = 0; i < checks; i++) {
                CompletableFuture<Decision> decided = new CompletableFuture<>();
                decisions.add(decided);
                limiter.check(tenThousand, key, now, Vertx.currentContext(), decided::complete);
            }
            sent.complete(null);
        });
        sent.get(10, TimeUnit.SECONDS);

        int allowed = 0;
        for (CompletableFuture<Decision> decision : decisions) {
            allowed += decision.get(10, TimeUnit.SECONDS).allowed() ? 1 : 0;
        }
        assertEquals(checks, allowed);
        // the one call in flight and those that waited were counted in Redis; the overflow (499) only in process
        assertEquals(RateLimiter.MAX_WAITING + 1, redisCount("rl:{flood:" + key + "}"));
    }

    /** The number of requests counted in a sorted-set key (ZCARD). */
    private static long redisCount(String key) throws Exception {
        try (Socket socket = new Socket(RedisOutage.host(), RedisOutage.port())) {
            socket.getOutputStream().write(("*2\r\n$5\r\nZCARD\r\n$" + key.length() + "\r\n" + key + "\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            return Long.parseLong(in.readLine().substring(1));
        }
    }

    /** How many EVALSHA calls Redis has served so far (INFO commandstats). */
    private static long evalshaCalls() throws Exception {
        try (Socket socket = new Socket(RedisOutage.host(), RedisOutage.port())) {
            socket.getOutputStream().write("INFO commandstats\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            int length = Integer.parseInt(in.readLine().substring(1));
            char[] body = new char[length];
            int read = 0;
            while (read < length) {
                read += in.read(body, read, length - read);
            }
            for (String line : new String(body).split("\r\n")) {
                if (line.startsWith("cmdstat_evalsha:calls=")) {
                    return Long.parseLong(line.substring("cmdstat_evalsha:calls=".length(), line.indexOf(',')));
                }
            }
            return 0;
        }
    }

    @Test
    void aSilentRedisCostsOneBudgetThenTheLimiterDecidesInProcess() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> acceptAndSayNothing(silent));
            Vertx vertx = vertx();
            CounterStore store = new CounterStore(Redis.createClient(vertx, "redis://127.0.0.1:" + silent.getLocalPort()),
                    vertx, Duration.ofMillis(50), Duration.ofSeconds(1));
            RateLimiter limiter = new RateLimiter(100, store, vertx, Clock.systemUTC());
            String key = "ip:" + UUID.randomUUID();
            long now = System.currentTimeMillis();

            Decision first = check(limiter, vertx, key, now).get(60, TimeUnit.SECONDS);

            assertTrue(first.allowed());
            assertEquals(4, first.remaining());
            assertTrue(store.fallback());
            for (int i = 0; i < 4; i++) {
                assertTrue(check(limiter, vertx, key, now).get(60, TimeUnit.SECONDS).allowed());
            }
            assertFalse(check(limiter, vertx, key, now).get(60, TimeUnit.SECONDS).allowed());
        }
    }

    private static void acceptAndSayNothing(ServerSocket server) {
        List<Socket> open = new ArrayList<>();
        try {
            while (!server.isClosed()) {
                open.add(server.accept());
            }
        } catch (IOException closed) {
            open.forEach(socket -> {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            });
        }
    }

    private Vertx vertx() {
        Vertx vertx = Vertx.vertx();
        replicas.add(vertx);
        return vertx;
    }

    private RateLimiter limiter(String redisUri, Duration budget) {
        Vertx vertx = vertx();
        Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUri).setMaxPoolSize(32)
                .setMaxPoolWaiting(1024));
        redis.send(Request.cmd(Command.PING)).toCompletionStage().toCompletableFuture().join();
        CounterStore store = new CounterStore(redis, vertx, budget, Duration.ofSeconds(1));
        return new RateLimiter(100, store, vertx, Clock.systemUTC());
    }

    private CompletableFuture<Decision> check(RateLimiter limiter, int replica, String key, long now) {
        return check(limiter, replicas.get(replica), key, now);
    }

    private static CompletableFuture<Decision> check(RateLimiter limiter, Vertx vertx, String key, long now) {
        CompletableFuture<Decision> decided = new CompletableFuture<>();
        vertx.runOnContext(start -> limiter.check(FIVE_A_MINUTE, key, now, Vertx.currentContext(),
                decided::complete));
        return decided;
    }
}
