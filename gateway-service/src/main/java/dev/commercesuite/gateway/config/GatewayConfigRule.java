package dev.commercesuite.gateway.config;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import dev.commercesuite.defaults.config.StartupConfigCheck;
import dev.commercesuite.defaults.config.StartupConfigRule;

/** Redis is required in production only while the rate-limit counters are kept there. */
@ApplicationScoped
public class GatewayConfigRule implements StartupConfigRule {

    static final String REDIS_HOSTS = "quarkus.redis.hosts";

    private final RateLimitConfig rateLimit;

    public GatewayConfigRule(RateLimitConfig rateLimit) {
        this.rateLimit = rateLimit;
    }

    @Override
    public void check(Config config, List<String> problems) {
        if (rateLimit.store() != RateLimitConfig.Store.REDIS) {
            return;
        }
        boolean set = config.getOptionalValue(REDIS_HOSTS, String.class).filter(v -> !v.isBlank()).isPresent();
        if (!set) {
            problems.add(StartupConfigCheck.describe(REDIS_HOSTS)
                    + " is not set: the rate-limit store is redis (set GATEWAY_RATE_LIMIT_STORE=memory for a single"
                    + " local instance without Redis)");
        }
    }
}
