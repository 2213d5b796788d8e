package dev.commercesuite.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.RedisOutage;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

/** Falling back and returning is logged once per episode, also when an overloaded Redis makes the replica flap. */
class CounterStoreFallbackTest {

    private final Vertx vertx = Vertx.vertx();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger(CounterStore.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger(CounterStore.class.getName()).removeHandler(capture);
        vertx.close();
    }

    @Test
    void aFlappingRedisIsOneEpisodeInTheLog() {
        CounterStore store = new CounterStore(Redis.createClient(vertx, RedisOutage.redisUri()), vertx,
                Duration.ofMillis(50), Duration.ofSeconds(1));

        store.observed(false);
        assertTrue(store.fallback());
        store.observed(true);
        assertFalse(store.fallback());
        for (int round = 0; round < 3; round++) {
            store.observed(false);
            assertTrue(store.fallback());
            store.observed(true);
        }

        assertEquals(1, count(Level.WARNING));
        assertEquals(1, count(Level.INFO));
    }

    private long count(Level level) {
        return logged.stream().filter(record -> record.getLevel().intValue() == level.intValue()).count();
    }
}
