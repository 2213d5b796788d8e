package dev.commercesuite.defaults.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.response.Response;

/**
 * {@link DependencyOutageTests} for a service whose dependency is its PostgreSQL database. A subclass names the test
 * profile that routes the datasource through the proxy:
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;TestProfile(IdentityDatabaseOutageTest.ThroughProxy.class)
 * class IdentityDatabaseOutageTest extends DatabaseOutageTests {
 *     public static class ThroughProxy extends DatabaseOutageTests.ThroughProxy {
 *         public ThroughProxy() { super("identity_test"); }
 *     }
 * }
 * </pre>
 */
public abstract class DatabaseOutageTests extends DependencyOutageTests {

    /** The test profile: the service's datasource goes through a {@link TcpProxy} to the named test database. */
    public abstract static class ThroughProxy implements QuarkusTestProfile {

        private final String database;

        protected ThroughProxy(String database) {
            this.database = database;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresOutage.class, Map.of("database", database)));
        }
    }

    @PostgresOutage.Proxy
    TcpProxy proxy;

    @Override
    protected TcpProxy proxy() {
        return proxy;
    }

    /** A request this service can answer only from its database (it is sent while the database is cut off). */
    protected abstract Response requestNeedingTheDatabase();

    @Test
    void aRequestNeedingTheUnreachableDatabaseIsAnswered503WithRetryAfter() {
        proxy.cut();
        try {
            Response answer = requestNeedingTheDatabase();
            assertEquals(503, answer.statusCode(), answer.asString());
            assertEquals("5", answer.header("Retry-After"));
            assertTrue(
                    answer.contentType().startsWith("application/problem+json"), answer.contentType());
            assertTrue(
                    answer.jsonPath().getString("type").endsWith("/service-unavailable"), answer.asString());
        } finally {
            proxy.open();
        }
    }

    @Override
    protected String dependencyCheckName() {
        return "Database connections health check";
    }
}
