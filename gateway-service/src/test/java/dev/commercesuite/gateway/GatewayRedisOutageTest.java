package dev.commercesuite.gateway;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.commercesuite.defaults.testing.DependencyOutageTests;
import dev.commercesuite.defaults.testing.RedisOutage;
import dev.commercesuite.defaults.testing.TcpProxy;

@QuarkusTest
@TestProfile(GatewayRedisOutageTest.ThroughProxy.class)
class GatewayRedisOutageTest extends DependencyOutageTests {

    public static class ThroughProxy implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisOutage.class));
        }
    }

    @RedisOutage.Proxy
    TcpProxy proxy;

    @Override
    protected TcpProxy proxy() {
        return proxy;
    }

    @Override
    protected String dependencyCheckName() {
        return "Redis connection health check";
    }
}
