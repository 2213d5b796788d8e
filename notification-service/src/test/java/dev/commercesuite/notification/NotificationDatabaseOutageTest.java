package dev.commercesuite.notification;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.commercesuite.defaults.testing.DatabaseOutageTests;

@QuarkusTest
@TestProfile(NotificationDatabaseOutageTest.ThroughProxy.class)
class NotificationDatabaseOutageTest extends DatabaseOutageTests {

    public static class ThroughProxy extends DatabaseOutageTests.ThroughProxy {
        public ThroughProxy() {
            super("notifications_test");
        }
    }
}
