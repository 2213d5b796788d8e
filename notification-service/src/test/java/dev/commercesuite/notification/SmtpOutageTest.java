package dev.commercesuite.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** While the SMTP server is down intake keeps accepting; once it is back every email arrives exactly once. */
@QuarkusTest
class SmtpOutageTest {

    @AfterEach
    void smtpUp() {
        SmtpServer.up();
    }

    @Test
    void fiftyEmailsQueuedDuringAnOutageArriveExactlyOnceAfterIt() throws Exception {
        SmtpServer.down();
        String batch = UUID.randomUUID().toString().substring(0, 8);
        Set<String> recipients = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String to = "outage-" + batch + "-" + i + "@example.com";
            recipients.add(to);
            EmailIntakeTest.post(UUID.randomUUID().toString(), EmailSamples.request("welcome", to)).statusCode(202);
        }
        // the worker keeps trying while the server is down until the circuit opens; nothing is lost or given up
        Awaitility.await("the SMTP circuit to open").atMost(Duration.ofSeconds(30))
                .until(() -> "open".equals(given().get("/q/health/ready").then().extract()
                        .path("checks.find { it.name == 'Email delivery' }.data.smtpCircuit")));
        SmtpServer.up();

        Awaitility.await("all 50 emails delivered").atMost(Duration.ofSeconds(60))
                .until(() -> recipients.stream().allMatch(to -> !SmtpServer.receivedBy(to).isEmpty()));
        // and no duplicate shows up afterwards
        Awaitility.await("exactly one message each").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> recipients.stream().allMatch(to -> SmtpServer.receivedBy(to).size() == 1));
        for (String to : recipients) {
            List<MimeMessage> messages = SmtpServer.receivedBy(to);
            assertEquals(1, messages.size(), to + " received " + messages.size() + " messages");
        }
    }
}
