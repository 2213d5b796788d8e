package dev.commercesuite.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * An email that keeps failing is dead after the attempt limit (here 2, with the circuit breaker out of the way so
 * every attempt counts); the tenant's admin can queue it again and it is delivered.
 */
@QuarkusTest
@TestProfile(DeadLetterTest.TwoAttempts.class)
class DeadLetterTest {

    public static class TwoAttempts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("notification.delivery.max-attempts", "2",
                    "dev.commercesuite.notification.client.SmtpSender/send/CircuitBreaker/requestVolumeThreshold",
                    "1000");
        }
    }

    private static final String SERVICE = TestTokens.service("identity-service");
    private static final String ADMIN_A = TestTokens.user("admin-a", "tenant-a", "admin");
    private static final String ADMIN_B = TestTokens.user("admin-b", "tenant-b", "admin");

    @AfterEach
    void smtpUp() {
        SmtpServer.up();
    }

    @Test
    void deadAfterTheAttemptLimitThenDeliveredOnManualRetry() {
        SmtpServer.down();
        String to = EmailIntakeTest.unique("dead");
        String id = EmailIntakeTest.post(UUID.randomUUID().toString(), EmailSamples.request("password-changed", to))
                .statusCode(202).extract().path("id");

        Awaitility.await("the email to be dead").atMost(Duration.ofSeconds(30))
                .until(() -> "dead".equals(status(id)));
        given().auth().oauth2(SERVICE).when().get("/internal/v1/emails/" + id)
                .then().body("attempts", equalTo(2)).body("lastError", notNullValue());
        given().auth().oauth2(ADMIN_A).queryParam("status", "dead").when().get("/api/v1/notifications")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem(id));

        // another tenant's admin cannot see or retry it
        given().auth().oauth2(ADMIN_B).when().post("/api/v1/notifications/" + id + "/retry")
                .then().statusCode(404).contentType("application/problem+json");

        SmtpServer.up();
        given().auth().oauth2(ADMIN_A).when().post("/api/v1/notifications/" + id + "/retry")
                .then().statusCode(202).body("status", equalTo("queued"));
        Awaitility.await("delivery after the retry").atMost(Duration.ofSeconds(30))
                .until(() -> SmtpServer.receivedBy(to).size() == 1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(id)));

        // a sent email cannot be retried
        given().auth().oauth2(ADMIN_A).when().post("/api/v1/notifications/" + id + "/retry")
                .then().statusCode(409).contentType("application/problem+json");
    }

    private static String status(String id) {
        return given().auth().oauth2(SERVICE).when().get("/internal/v1/emails/" + id).then().extract().path("status");
    }
}
