package dev.commercesuite.defaults.outbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import dev.commercesuite.defaults.servicetoken.ServiceTokenSource;
import io.smallrye.faulttolerance.api.CircuitBreakerName;

/**
 * Outbox destination {@value #NAME}: emails for notification-service, POSTed to {@code /internal/v1/emails} with a
 * service token and the outbox id as {@code Idempotency-Key}, so a re-delivery after a crash is not a second email.
 * The payload is the intake body: {@code {template, to, locale?, tenantId?, data}}.
 */
@ApplicationScoped
public class NotificationEmails implements OutboxDestination {

    public static final String NAME = "notification.email";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final OutboxConfig config;
    private final ServiceTokenSource tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public NotificationEmails(OutboxConfig config, ServiceTokenSource tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10_000, successThreshold = 1,
            skipOn = PermanentRefusal.class)
    @CircuitBreakerName("outbox-notification")
    public void deliver(UUID id, String payload) {
        String base = config.notificationUrl()
                .orElseThrow(() -> new OutboxDeliveryException("suite.outbox.notification-url is not configured", false));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + "/internal/v1/emails"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", id.toString())
                .header("Authorization", "Bearer " + tokens.token())
                .POST(HttpRequest.BodyPublishers.ofString(payload))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OutboxDeliveryException("notification-service unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxDeliveryException("interrupted", e);
        }
        int status = response.statusCode();
        if (status == 200 || status == 202) {
            return;
        }
        if (status == 401) {
            tokens.invalidate(); // an expired or rotated token: the next attempt gets a fresh one
        }
        boolean permanent = status == 400 || status == 413 || status == 415 || status == 422;
        String message = "notification-service answered " + status;
        throw permanent ? new PermanentRefusal(message) : new OutboxDeliveryException(message, false);
    }

    /** The receiver refused the message itself: not a sign of an unhealthy receiver, so not a breaker failure. */
    public static class PermanentRefusal extends OutboxDeliveryException {

        public PermanentRefusal(String message) {
            super(message, true);
        }
    }
}
