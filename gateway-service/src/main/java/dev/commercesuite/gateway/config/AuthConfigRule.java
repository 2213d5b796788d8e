package dev.commercesuite.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import dev.commercesuite.defaults.config.StartupConfigCheck;
import dev.commercesuite.defaults.config.StartupConfigRule;

/**
 * Edge authentication needs nothing an operator must set (identity's JWKS and token endpoint default to the identity
 * upstream, the issuer to the suite's), but what is set must make sense: a URL the gateway can call, an issuer, a
 * clock skew that does not quietly extend every token's life.
 */
@ApplicationScoped
public class AuthConfigRule implements StartupConfigRule {

    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private final AuthConfig auth;

    public AuthConfigRule(AuthConfig auth) {
        this.auth = auth;
    }

    @Override
    public void check(Config config, List<String> problems) {
        if (!auth.enabled()) {
            return;
        }
        url("gateway.auth.jwks-url", auth.jwksUrl(), problems);
        url("gateway.auth.token-url", auth.tokenUrl(), problems);
        if (auth.issuer().isBlank()) {
            problems.add(StartupConfigCheck.describe("gateway.auth.issuer") + " is blank: set identity's issuer");
        }
        if (auth.clockSkew().isNegative() || auth.clockSkew().compareTo(MAX_CLOCK_SKEW) > 0) {
            problems.add(StartupConfigCheck.describe("gateway.auth.clock-skew") + " must be between 0 and "
                    + MAX_CLOCK_SKEW.toMinutes() + " minutes");
        }
        if (auth.cacheSize() < 1) {
            problems.add(StartupConfigCheck.describe("gateway.auth.cache-size") + " must be at least 1");
        }
    }

    private static void url(String key, Optional<URI> value, List<String> problems) {
        if (value.isEmpty()) {
            return;
        }
        URI url = value.get();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            problems.add(StartupConfigCheck.describe(key) + " must be an absolute http(s) URL, not '" + url + "'");
        }
    }
}
