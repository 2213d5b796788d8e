package dev.commercesuite.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.MovableClock;
import dev.commercesuite.defaults.testing.TestTokens;
import dev.commercesuite.notification.job.RetentionJob;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RetentionAndOperationsTest {

    private static final String SERVICE = TestTokens.service("identity-service");

    @Inject
    RetentionJob retention;

    @Inject
    MovableClock clock;

    @Test
    void sentEmailsPastRetentionArePurgedAndRecentOnesKept() {
        String oldId = deliver("old");
        try {
            clock.advance(Duration.ofDays(31));
            String recentId = deliver("recent");
            assertTrue(retention.purge() >= 1);
            given().auth().oauth2(SERVICE).when().get("/internal/v1/emails/" + oldId).then().statusCode(404);
            given().auth().oauth2(SERVICE).when().get("/internal/v1/emails/" + recentId)
                    .then().statusCode(200).body("status", equalTo("sent"));
        } finally {
            clock.reset();
        }
    }

    @Test
    void pipelineStateIsInReadinessDataAndMetrics() {
        deliver("metrics");
        assertMetrics();
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'Email delivery' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Email delivery' }.data.queueDepth", notNullValue())
                .body("checks.find { it.name == 'Email delivery' }.data.oldestQueuedAgeSeconds", notNullValue())
                .body("checks.find { it.name == 'Email delivery' }.data.smtpReachable", equalTo(true))
                .body("checks.find { it.name == 'Email delivery' }.data.smtpCircuit", equalTo("closed"));
        assertMetrics();
    }

    private static void assertMetrics() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("notification_queue_depth"))
                .body(containsString("notification_queue_oldest_age_seconds"))
                .body(containsString("notification_smtp_reachable 1.0"))
                .body(containsString("notification_smtp_circuit_open 0.0"))
                .body(containsString("notification_emails_sent_total"))
                .body(containsString("notification_emails_failed_total"))
                .body(containsString("notification_emails_dead_total"));
    }

    @Test
    void smtpOutageDoesNotMakeTheServiceUnready() {
        SmtpServer.down();
        try {
            given().when().get("/q/health/ready")
                    .then().statusCode(200)
                    .body("checks.find { it.name == 'Email delivery' }.data.smtpReachable", equalTo(false));
        } finally {
            SmtpServer.up();
        }
    }

    private static String deliver(String name) {
        String to = EmailIntakeTest.unique(name);
        String id = EmailIntakeTest.post(UUID.randomUUID().toString(), EmailSamples.request("welcome", to))
                .statusCode(202).extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(
                given().auth().oauth2(SERVICE).get("/internal/v1/emails/" + id).then().extract().path("status")));
        return id;
    }
}
