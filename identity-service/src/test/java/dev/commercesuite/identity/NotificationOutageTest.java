package dev.commercesuite.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.commercesuite.identity.Shops.signup;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import dev.commercesuite.identity.Shops.Shop;
import io.quarkus.test.junit.QuarkusTest;

/** notification-service down: sign-ups still answer 202, and their emails arrive, once each, after it is back. */
@QuarkusTest
class NotificationOutageTest {

    @Inject
    DataSource dataSource;

    private final CapturedEmails emails = CapturedEmails.accepting();
    private StubMapping outage;

    @Test
    void signupsDuringTheOutageAreAcceptedAndTheirEmailsDeliveredAfterIt() throws Exception {
        Shop shop = Shops.create();
        emails.await(shop.admin(), "verify-email"); // delivered before the outage
        outage = emails.stub().register(post(urlEqualTo(CapturedEmails.INTAKE))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String email = "outage-" + i + "-" + shop.slug() + "@example.com";
            customers.add(email);
            signup(shop.slug(), email).then().statusCode(202);
        }
        Sql sql = new Sql(dataSource);
        // the relay tried and failed: the messages wait in the outbox with their error
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> sql.count("SELECT count(*) FROM outbox"
                + " WHERE destination = 'notification.email' AND payload LIKE ? AND status = 'pending' AND attempts > 0", "%" + shop.slug() + "%") == 5);

        emails.stub().removeStubMapping(outage);
        outage = null;
        // after the relay's backoff and the circuit breaker's delay, every email is accepted
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> sql.count("SELECT count(*) FROM outbox"
                + " WHERE destination = 'notification.email' AND payload LIKE ? AND status = 'sent'", "%" + shop.slug() + "%") == 6);
        // every attempt for one email carried the same Idempotency-Key, so notification-service keeps one copy
        for (String customer : customers) {
            Set<String> keys = emails.stub().find(postRequestedFor(urlEqualTo(CapturedEmails.INTAKE))).stream()
                    .filter(request -> request.getBodyAsString().contains("\"" + customer + "\""))
                    .map(request -> request.getHeader("Idempotency-Key")).collect(Collectors.toSet());
            assertEquals(1, keys.size(), customer);
            assertEquals(1, emails.all(customer, "verify-email").stream().map(e -> e.path("data").path("token"))
                    .distinct().count(), customer);
        }
    }

    @AfterEach
    void endTheOutage() {
        if (outage != null) {
            emails.stub().removeStubMapping(outage);
        }
    }
}
