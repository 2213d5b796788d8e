package dev.commercesuite.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script run with EVALSHA by its SHA-1, computed here once; Redis answers NOSCRIPT when its script cache does
 * not hold it (a restart, a failover, SCRIPT FLUSH), and the one EVAL that follows loads it again.
 */
record RedisScript(String source, String sha) {

    static RedisScript of(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return new RedisScript(source, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    /**
     * The sliding-window check for one or more requests of a key at once: drops the times that left the window,
     * counts as many of the requests as the key's limit still allows (in order: the first ones), and answers
     * {granted, remaining, milliseconds until the oldest counted request leaves the window}. KEYS[1] the key's sorted
     * set; ARGV now (ms, the gateway's clock), window (ms), limit, a member prefix unique to the call, the number of
     * requests (at most {@link RateLimiter#MAX_BATCH}).
     */
    static final RedisScript SLIDING_WINDOW = of("""
            local key = KEYS[1]
            local now = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            local limit = tonumber(ARGV[3])
            local wanted = tonumber(ARGV[5]) or 1
            redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
            local count = redis.call('ZCARD', key)
            local granted = math.max(0, math.min(wanted, limit - count))
            if granted > 0 then
              local members = {}
              for i = 1, granted do
                members[2 * i - 1] = now
                members[2 * i] = ARGV[4] .. ':' .. i
              end
              redis.call('ZADD', key, unpack(members))
              redis.call('PEXPIRE', key, window)
              count = count + granted
            end
            local reset = window
            local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
            if oldest[2] then
              reset = tonumber(oldest[2]) + window - now
            end
            return {granted, limit - count, reset}
            """);

    /**
     * Counts one 429 of a client address and blocks the address once it collected more than the maximum within the
     * window. Answers {the time (ms, the gateway's clock) the address's block ends or 0, 1 if this call blocked it}; an
     * address already blocked is not counted. KEYS[1] the address's refusal count, KEYS[2] its block (both tagged by
     * the address, so one slot); ARGV now, window (ms), maximum, block (ms).
     */
    static final RedisScript REFUSAL = of("""
            local blocked = redis.call('GET', KEYS[2])
            if blocked then
              return {tonumber(blocked), 0}
            end
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            if count > tonumber(ARGV[3]) then
              local untilTime = tonumber(ARGV[1]) + tonumber(ARGV[4])
              redis.call('SET', KEYS[2], untilTime, 'PX', ARGV[4])
              redis.call('DEL', KEYS[1])
              return {untilTime, 1}
            end
            return {0, 0}
            """);
}
