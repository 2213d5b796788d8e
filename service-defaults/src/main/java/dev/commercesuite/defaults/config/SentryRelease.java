package dev.commercesuite.defaults.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The release Sentry files events under: {@code SENTRY_RELEASE} when set, else the git commit the service was built
 * from, which the build writes into the service's jar ({@value #BUILD_PROPERTIES}, the {@code build-commit} step of
 * the parent POM), so a container image without {@code .git} still knows it. An explicit
 * {@code quarkus.log.sentry.release} in any other source wins: this source has the lowest ordinal. The commit is read
 * when asked for, not when the source is created, so a value seen at build time cannot stick.
 */
public class SentryRelease implements ConfigSource {

    static final String RELEASE = "quarkus.log.sentry.release";
    static final String BUILD_PROPERTIES = "META-INF/commerce-suite/build.properties";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(RELEASE);
    }

    @Override
    public String getValue(String propertyName) {
        if (!RELEASE.equals(propertyName)) {
            return null;
        }
        return release(System.getenv(), buildCommit()).orElse(null);
    }

    static Optional<String> release(Map<String, String> environment, Optional<String> buildCommit) {
        String given = environment.get("SENTRY_RELEASE");
        if (given != null && !given.isBlank()) {
            return Optional.of(given.strip());
        }
        return buildCommit;
    }

    /** The commit in {@value #BUILD_PROPERTIES}, if the build found one (it leaves it empty outside a checkout). */
    static Optional<String> buildCommit() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = SentryRelease.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(BUILD_PROPERTIES)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.ofNullable(properties.getProperty("commit")).map(String::strip)
                    .filter(commit -> !commit.isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + BUILD_PROPERTIES, e);
        }
    }

    @Override
    public String getName() {
        return "commerce-suite-sentry-release";
    }

    @Override
    public int getOrdinal() {
        return 10;
    }
}
