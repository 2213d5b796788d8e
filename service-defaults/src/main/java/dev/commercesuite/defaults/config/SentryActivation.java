package dev.commercesuite.defaults.config;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns the Sentry log handler on exactly when a DSN is given ({@code SENTRY_DSN}), so an operator sets one variable
 * and a deployment without Sentry starts without complaint. An explicit {@code quarkus.log.sentry.enabled} in any
 * other source wins: this source has the lowest ordinal.
 */
public class SentryActivation implements ConfigSource {

    static final String ENABLED = "quarkus.log.sentry.enabled";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(ENABLED);
    }

    @Override
    public String getValue(String propertyName) {
        if (!ENABLED.equals(propertyName)) {
            return null;
        }
        return Boolean.toString(hasDsn(System.getenv()));
    }

    static boolean hasDsn(Map<String, String> environment) {
        String dsn = environment.getOrDefault("SENTRY_DSN", environment.get("QUARKUS_LOG_SENTRY_DSN"));
        return dsn != null && !dsn.isBlank();
    }

    @Override
    public String getName() {
        return "commerce-suite-sentry-activation";
    }

    @Override
    public int getOrdinal() {
        return 10;
    }
}
