package dev.commercesuite.order;

import static io.restassured.RestAssured.given;

import java.util.Set;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import dev.commercesuite.defaults.testing.DatabaseOutageTests;
import dev.commercesuite.defaults.testing.TestTokens;

@QuarkusTest
@TestProfile(OrderDatabaseOutageTest.ThroughProxy.class)
class OrderDatabaseOutageTest extends DatabaseOutageTests {

    public static class ThroughProxy extends DatabaseOutageTests.ThroughProxy {
        public ThroughProxy() {
            super("orders_test");
        }
    }

    @Override
    protected Response requestNeedingTheDatabase() {
        String admin = TestTokens.user(UUID.randomUUID().toString(), "admin@example.com",
                UUID.randomUUID().toString(), Set.of("admin"));
        return given().auth().oauth2(admin).when().get("/api/v1/products");
    }
}
