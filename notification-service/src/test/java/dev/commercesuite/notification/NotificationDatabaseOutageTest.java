package dev.commercesuite.notification;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import dev.commercesuite.defaults.testing.DatabaseOutageTests;
import dev.commercesuite.defaults.testing.TestTokens;

@QuarkusTest
@TestProfile(NotificationDatabaseOutageTest.ThroughProxy.class)
class NotificationDatabaseOutageTest extends DatabaseOutageTests {

    public static class ThroughProxy extends DatabaseOutageTests.ThroughProxy {
        public ThroughProxy() {
            super("notifications_test");
        }
    }

    @Override
    protected Response requestNeedingTheDatabase() {
        return given().auth().oauth2(TestTokens.user("admin-a", "tenant-a", "admin"))
                .queryParam("status", "dead").when().get("/api/v1/notifications");
    }
}
