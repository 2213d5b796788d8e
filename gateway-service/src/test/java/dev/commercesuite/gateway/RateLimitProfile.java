package dev.commercesuite.gateway;

import java.util.List;
import java.util.Map;

import dev.commercesuite.defaults.testing.RedisOutage;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The profile of the rate-limit, IP-access and Redis-outage tests, shared so that the application starts once for
 * all three. Redis is reached through a proxy the outage test can cut; 127.0.0.1 is a trusted proxy, so each test
 * picks its own client addresses with {@code X-Forwarded-For} (a count of one test never meets another's, nor one of
 * an earlier run left in Redis); a header names the caller's subject in place of edge authentication
 * ({@link TestSubjectStage}); three 429s within the window block an address. The Redis budget is 5 s here: the
 * tests count exactly, and a shared, loaded test machine would otherwise fall back now and then.
 */
public class RateLimitProfile implements QuarkusTestProfile {

    /** Allow-listed (TEST-NET-1). */
    static final String ALLOWED_IP = "192.0.2.10";
    /** In the deny list's range (TEST-NET-2). */
    static final String DENIED_IP = "198.51.100.7";
    static final int MAX_REFUSALS = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "gateway.trusted-proxies", "127.0.0.1/32",
                "gateway.abuse.allow", ALLOWED_IP + "/32",
                "gateway.abuse.deny", "198.51.100.0/24",
                "gateway.abuse.max-refusals", Integer.toString(MAX_REFUSALS),
                "commercesuite.test.subject-header", "true",
                // a loaded test machine may take longer than the production budget; the outage test cuts Redis
                "gateway.rate-limit.redis-timeout", "5S");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisOutage.class));
    }
}
