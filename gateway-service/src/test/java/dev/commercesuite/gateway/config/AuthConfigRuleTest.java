package dev.commercesuite.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** What an operator may set for edge authentication: nothing is required, but what is set must be usable. */
class AuthConfigRuleTest {

    @Test
    void theDefaultsNeedNothing() {
        assertEquals(List.of(), problems(Map.of()));
    }

    @Test
    void urlsMustBeAbsoluteHttpAndTheSkewSmall() {
        List<String> problems = problems(Map.of(
                "gateway.auth.jwks-url", "identity-service/.well-known/jwks.json",
                "gateway.auth.token-url", "ftp://identity/token",
                "gateway.auth.issuer", " ",
                "gateway.auth.clock-skew", "10M",
                "gateway.auth.cache-size", "0"));

        assertEquals(List.of(
                "gateway.auth.jwks-url (GATEWAY_AUTH_JWKS_URL) must be an absolute http(s) URL, not"
                        + " 'identity-service/.well-known/jwks.json'",
                "gateway.auth.token-url (GATEWAY_AUTH_TOKEN_URL) must be an absolute http(s) URL, not"
                        + " 'ftp://identity/token'",
                "gateway.auth.issuer (GATEWAY_AUTH_ISSUER) is blank: set identity's issuer",
                "gateway.auth.clock-skew (GATEWAY_AUTH_CLOCK_SKEW) must be between 0 and 5 minutes",
                "gateway.auth.cache-size (GATEWAY_AUTH_CACHE_SIZE) must be at least 1"), problems);
    }

    @Test
    void httpsUrlsAreFine() {
        assertEquals(List.of(), problems(Map.of(
                "gateway.auth.jwks-url", "https://identity.internal/.well-known/jwks.json",
                "gateway.auth.token-url", "http://identity-service:8081/api/v1/auth/token")));
    }

    @Test
    void nothingIsCheckedWhileEdgeAuthenticationIsOff() {
        assertEquals(List.of(), problems(Map.of("gateway.auth.enabled", "false",
                "gateway.auth.jwks-url", "not/absolute")));
    }

    private static List<String> problems(Map<String, String> values) {
        // Quarkus' own duration syntax (30S, 10M), as the application reads it
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(AuthConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValues(values).build();
        List<String> problems = new ArrayList<>();
        new AuthConfigRule(config.getConfigMapping(AuthConfig.class)).check(config, problems);
        return problems;
    }
}
