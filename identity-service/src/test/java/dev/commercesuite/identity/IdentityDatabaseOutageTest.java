package dev.commercesuite.identity;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.commercesuite.defaults.testing.DatabaseOutageTests;

@QuarkusTest
@TestProfile(IdentityDatabaseOutageTest.ThroughProxy.class)
class IdentityDatabaseOutageTest extends DatabaseOutageTests {

    public static class ThroughProxy extends DatabaseOutageTests.ThroughProxy {
        public ThroughProxy() {
            super("identity_test");
        }
    }
}
