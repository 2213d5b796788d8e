package dev.commercesuite.order;

import io.quarkus.test.junit.QuarkusTest;

import dev.commercesuite.defaults.testing.ServiceBasicsTests;

@QuarkusTest
class OrderServiceBasicsTest extends ServiceBasicsTests {

    @Override
    protected String dependencyCheckName() {
        return "Database connections health check";
    }
}
