package dev.commercesuite.defaults.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SentryReleaseTest {

    private static final Optional<String> BUILT_FROM = Optional.of("5080700245");

    @Test
    void theBuildsCommitIsTheRelease() {
        assertEquals(BUILT_FROM, SentryRelease.release(Map.of(), BUILT_FROM));
    }

    @Test
    void sentryReleaseOverridesIt() {
        assertEquals(Optional.of("2026.11.3"), SentryRelease.release(Map.of("SENTRY_RELEASE", " 2026.11.3 "), BUILT_FROM));
        assertEquals(BUILT_FROM, SentryRelease.release(Map.of("SENTRY_RELEASE", " "), BUILT_FROM));
    }

    @Test
    void aBuildOutsideACheckoutHasNone() {
        assertEquals(Optional.empty(), SentryRelease.release(Map.of(), Optional.empty()));
    }
}
