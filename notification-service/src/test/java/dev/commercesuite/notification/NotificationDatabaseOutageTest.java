package dev.commercesuite.notification;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.commercesuite.defaults.testing.DependencyOutageTests;
import dev.commercesuite.defaults.testing.PostgresOutage;
import dev.commercesuite.defaults.testing.TcpProxy;

@QuarkusTest
@TestProfile(NotificationDatabaseOutageTest.ThroughProxy.class)
class NotificationDatabaseOutageTest extends DependencyOutageTests {

    public static class ThroughProxy implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresOutage.class, Map.of("database", "notifications_test")));
        }
    }

    @PostgresOutage.Proxy
    TcpProxy proxy;

    @Override
    protected TcpProxy proxy() {
        return proxy;
    }

    @Override
    protected String dependencyCheckName() {
        return "Database connections health check";
    }
}
