package dev.commercesuite.identity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

import dev.commercesuite.defaults.testing.LocalPostgres;
import dev.commercesuite.defaults.testing.TestTokens;

/** This module's tests run against their own database on the local PostgreSQL and the test token keys. */
@QuarkusTestResource(value = LocalPostgres.class, initArgs = @ResourceArg(name = "database", value = "identity_test"))
@QuarkusTestResource(TestTokens.class)
class TestDatabase {
}
