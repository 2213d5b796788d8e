package dev.commercesuite.identity;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import dev.commercesuite.defaults.testing.DatabaseOutageTests;

@QuarkusTest
@TestProfile(IdentityDatabaseOutageTest.ThroughProxy.class)
class IdentityDatabaseOutageTest extends DatabaseOutageTests {

    public static class ThroughProxy extends DatabaseOutageTests.ThroughProxy {
        public ThroughProxy() {
            super("identity_test");
        }
    }

    @Override
    protected Response requestNeedingTheDatabase() {
        return given().contentType("application/json")
                .body("{\"tenant\":\"outage-shop\",\"email\":\"ada@example.com\",\"password\":\"Quiet-Harbor-Lantern-42\"}")
                .when().post("/api/v1/auth/login");
    }
}
