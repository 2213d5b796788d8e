package dev.commercesuite.identity;

import io.quarkus.test.junit.QuarkusTest;

import dev.commercesuite.defaults.testing.ServiceBasicsTests;

@QuarkusTest
class IdentityServiceBasicsTest extends ServiceBasicsTests {

    @Override
    protected String dependencyCheckName() {
        return "Database connections health check";
    }
}
