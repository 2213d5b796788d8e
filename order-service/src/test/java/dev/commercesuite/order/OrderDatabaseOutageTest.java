package dev.commercesuite.order;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.commercesuite.defaults.testing.DatabaseOutageTests;

@QuarkusTest
@TestProfile(OrderDatabaseOutageTest.ThroughProxy.class)
class OrderDatabaseOutageTest extends DatabaseOutageTests {

    public static class ThroughProxy extends DatabaseOutageTests.ThroughProxy {
        public ThroughProxy() {
            super("orders_test");
        }
    }
}
