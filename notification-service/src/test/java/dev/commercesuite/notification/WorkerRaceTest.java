package dev.commercesuite.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.commercesuite.notification.domain.StoredEmail;
import dev.commercesuite.notification.repository.EmailRepository;
import dev.commercesuite.notification.service.DeliveryWorker;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Workers racing on one queue never send the same email twice: claims use SKIP LOCKED, so each due row goes to
 * exactly one of them. Here four workers (plus the scheduled one) drain 80 emails concurrently.
 */
@QuarkusTest
class WorkerRaceTest {

    @Inject
    DeliveryWorker worker;

    @Inject
    EmailRepository emails;

    @Test
    void racingWorkersDeliverEachEmailExactlyOnce() throws Exception {
        String batch = UUID.randomUUID().toString().substring(0, 8);
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String to = "race-" + batch + "-" + i + "@example.com";
            recipients.add(to);
            EmailIntakeTest.post(UUID.randomUUID().toString(), EmailSamples.request("welcome", to)).statusCode(202);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> racers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                racers.add(() -> {
                    worker.drainOnce();
                    return null;
                });
            }
            for (Future<Void> racer : pool.invokeAll(racers)) {
                racer.get();
            }
        } finally {
            pool.shutdown();
        }
        Awaitility.await("all delivered").atMost(Duration.ofSeconds(30))
                .until(() -> recipients.stream().allMatch(to -> !SmtpServer.receivedBy(to).isEmpty()));
        Map<String, Integer> idsSeen = new HashMap<>();
        for (String to : recipients) {
            List<MimeMessage> messages = SmtpServer.receivedBy(to);
            assertEquals(1, messages.size(), to);
            idsSeen.merge(messages.get(0).getHeader("X-Commerce-Suite-Email-Id")[0], 1, Integer::sum);
        }
        assertEquals(80, idsSeen.size());
        for (String id : idsSeen.keySet()) {
            StoredEmail stored = emails.find(UUID.fromString(id)).orElseThrow();
            assertEquals(1, stored.attempts(), "email " + id + " was claimed more than once");
        }
    }
}
