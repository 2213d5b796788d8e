package dev.commercesuite.identity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

import dev.commercesuite.defaults.testing.LocalPostgres;
import dev.commercesuite.defaults.testing.TestTokens;

/**
 * This module's tests run against their own database on the local PostgreSQL, the test token keys, and a stub of
 * notification-service's intake.
 */
@QuarkusTestResource(value = LocalPostgres.class, initArgs = @ResourceArg(name = "database", value = "identity_test"))
@QuarkusTestResource(TestTokens.class)
@QuarkusTestResource(NotificationStub.class)
class TestDatabase {
}
