package dev.commercesuite.notification;

import io.quarkus.test.junit.QuarkusTest;

import dev.commercesuite.defaults.testing.ServiceBasicsTests;

@QuarkusTest
class NotificationServiceBasicsTest extends ServiceBasicsTests {

    @Override
    protected String dependencyCheckName() {
        return "Database connections health check";
    }
}
