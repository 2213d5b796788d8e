package dev.commercesuite.order;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

import dev.commercesuite.defaults.testing.LocalPostgres;

/** Creates this service's test database on the local PostgreSQL before any test of the module starts. */
@QuarkusTestResource(value = LocalPostgres.class, initArgs = @ResourceArg(name = "database", value = "orders_test"))
class TestDatabase {
}
