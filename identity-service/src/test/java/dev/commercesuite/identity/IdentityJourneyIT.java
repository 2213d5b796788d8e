package dev.commercesuite.identity;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link IdentityJourneyTest} against the packaged application (the jar here; the native binary when built with
 * {@code -Dnative}), started by Quarkus with the test profile and the same test resources (database, keys, the
 * notification stub).
 */
@QuarkusIntegrationTest
class IdentityJourneyIT extends IdentityJourneyTest {
}
