package dev.commercesuite.gateway.auth;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values by digest, each until its own expiry (the gateway's clock, milliseconds), at most {@code capacity} at once.
 * Full, it first drops what has expired and, if that is not enough, everything: the cache only saves work, so
 * forgetting costs a recomputation, never a wrong answer, and the gateway's memory stays bounded whatever clients send.
 */
final class ExpiringCache<V> {

    private record Entry<V>(V value, long expiresAt) {
    }

    private final Map<ByteBuffer, Entry<V>> entries = new ConcurrentHashMap<>();
    private final int capacity;

    ExpiringCache(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** The value under {@code key}, or null when there is none or it has expired by {@code now}. */
    V get(ByteBuffer key, long now) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAt() <= now) {
            entries.remove(key, entry);
            return null;
        }
        return entry.value();
    }

    /** Keeps {@code value} under {@code key} until {@code expiresAt}; nothing when that is not after {@code now}. */
    void put(ByteBuffer key, V value, long expiresAt, long now) {
        if (expiresAt <= now) {
            return;
        }
        if (entries.size() >= capacity) {
            entries.values().removeIf(entry -> entry.expiresAt() <= now);
            if (entries.size() >= capacity) {
                entries.clear();
            }
        }
        entries.put(key, new Entry<>(value, expiresAt));
    }
}
