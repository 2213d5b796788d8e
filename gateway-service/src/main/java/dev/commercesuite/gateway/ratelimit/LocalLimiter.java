package dev.commercesuite.gateway.ratelimit;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process sliding-window limiter: the store of {@code gateway.rate-limit.store=memory}, and the fallback of
 * the Redis store, which mirrors every request Redis allowed into it so that the count goes on when Redis goes away.
 * Each key keeps the times of the requests in its window (at most the limit), so counts are exact. Memory is bounded:
 * idle keys are swept, and when the table is full anyway the oldest idle entries make room.
 */
final class LocalLimiter {

    private final Map<String, Log> logs = new ConcurrentHashMap<>();
    private final int maxKeys;

    LocalLimiter(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    /** Counts a request for {@code key} at {@code now} if the policy allows it. */
    Decision check(String key, RateLimitPolicy policy, long now) {
        return log(key, policy).check(policy.limit(), policy.windowMillis(), now, true);
    }

    /** Counts a request another store already allowed (the Redis store's mirror). */
    void record(String key, RateLimitPolicy policy, long now) {
        log(key, policy).check(policy.limit(), policy.windowMillis(), now, false);
    }

    int size() {
        return logs.size();
    }

    /** Drops every key whose window holds no request any more. */
    void sweep(long now) {
        for (Iterator<Log> it = logs.values().iterator(); it.hasNext();) {
            if (it.next().idle(now)) {
                it.remove();
            }
        }
    }

    private Log log(String key, RateLimitPolicy policy) {
        Log log = logs.get(key);
        if (log != null) {
            return log;
        }
        if (logs.size() >= maxKeys) {
            makeRoom();
        }
        return logs.computeIfAbsent(key, k -> new Log(policy.limit(), policy.windowMillis()));
    }

    private void makeRoom() {
        long newest = Long.MIN_VALUE;
        for (Log log : logs.values()) {
            newest = Math.max(newest, log.newest());
        }
        sweep(newest);
        // still full of live keys (a flood of distinct clients): drop the least recently used tenth
        if (logs.size() >= maxKeys) {
            int drop = Math.max(1, maxKeys / 10);
            long[] latest = new long[logs.size()];
            int n = 0;
            for (Log log : logs.values()) {
                if (n < latest.length) {
                    latest[n++] = log.newest();
                }
            }
            java.util.Arrays.sort(latest, 0, n);
            long cutoff = latest[Math.min(n - 1, drop - 1)];
            logs.values().removeIf(log -> log.newest() <= cutoff);
        }
    }

    /**
     * The request times of one key, a ring that grows with use up to {@code limit} entries, so that a policy with a
     * large limit costs memory in proportion to the requests actually in its window.
     */
    private static final class Log {

        private static final int INITIAL = 8;

        private final int limit;
        private final long window;
        private long[] times;
        private int head;
        private int count;

        Log(int limit, long window) {
            this.limit = limit;
            this.window = window;
            this.times = new long[Math.min(limit, INITIAL)];
        }

        synchronized Decision check(int policyLimit, long windowMillis, long now, boolean enforce) {
            while (count > 0 && times[head] <= now - window) {
                head = (head + 1) % times.length;
                count--;
            }
            boolean allowed = count < limit;
            if (allowed || !enforce) {
                if (!allowed) {
                    head = (head + 1) % times.length; // a mirrored request beyond the limit replaces the oldest
                    count--;
                } else if (count == times.length) {
                    grow();
                }
                times[(head + count) % times.length] = now;
                count++;
            }
            long reset = count == 0 ? window : Math.max(1, times[head] + window - now);
            return new Decision(allowed, Math.max(0, policyLimit - count), Math.min(reset, windowMillis));
        }

        private void grow() {
            long[] larger = new long[(int) Math.min(limit, times.length * 2L)];
            for (int i = 0; i < count; i++) {
                larger[i] = times[(head + i) % times.length];
            }
            times = larger;
            head = 0;
        }

        synchronized long newest() {
            return count == 0 ? Long.MIN_VALUE : times[(head + count - 1) % times.length];
        }

        synchronized boolean idle(long now) {
            return count == 0 || times[(head + count - 1) % times.length] <= now - window;
        }
    }
}
