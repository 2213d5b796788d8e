package dev.commercesuite.gateway;

import io.quarkus.test.junit.QuarkusTest;

import dev.commercesuite.defaults.testing.ServiceBasicsTests;

@QuarkusTest
class GatewayServiceBasicsTest extends ServiceBasicsTests {

    @Override
    protected String dependencyCheckName() {
        return "Redis connection health check";
    }
}
