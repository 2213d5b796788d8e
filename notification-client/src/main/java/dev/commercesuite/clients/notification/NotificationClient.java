package dev.commercesuite.clients.notification;

import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import dev.commercesuite.defaults.servicetoken.ServiceTokenException;
import dev.commercesuite.defaults.servicetoken.ServiceTokenSource;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.CircuitBreakerName;

/**
 * Hands emails to notification-service's intake with this service's token and an idempotency key, so a repeated
 * call (a retry here, or a re-delivery after a crash) is one email. It owns the fault tolerance: a timeout per
 * attempt, a short retry for transient failures (a 401 first drops the cached token), and a circuit breaker that
 * makes calls fail fast while notification-service keeps failing. A 4xx answer means the receiver is healthy, so it
 * never opens the breaker; the refusal of the email itself ({@link EmailRejectedException}) is not retried either.
 */
@ApplicationScoped
public class NotificationClient {

    /** The breaker's name, for its metrics and {@code CircuitBreakerMaintenance}. */
    public static final String BREAKER = "notification-intake";
    private static final Set<Integer> EMAIL_REJECTED = Set.of(400, 413, 415, 422);
    private static final int MAX_DETAIL_LENGTH = 300;

    private final Optional<NotificationRestClient> intake;
    private final ServiceTokenSource tokens;

    @Inject
    public NotificationClient(NotificationClientConfig config, ServiceTokenSource tokens) {
        this.intake = config.notificationUrl().map(NotificationClient::restClient);
        this.tokens = tokens;
    }

    /** Returns once notification-service has stored the email; throws otherwise (see the class comment). */
    @Timeout(10_000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100,
            abortOn = { EmailRejectedException.class, CircuitBreakerOpenException.class })
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10_000, successThreshold = 1,
            skipOn = { NotificationRefusedException.class, ServiceTokenException.class,
                    CircuitBreakerOpenException.class })
    @CircuitBreakerName(BREAKER)
    public void send(UUID idempotencyKey, EmailMessage message) {
        NotificationRestClient client = intake.orElseThrow(
                () -> new NotificationUnavailableException("suite.outbox.notification-url is not configured"));
        int status;
        String detail;
        try (Response response = client.accept(idempotencyKey.toString(), "Bearer " + tokens.token(), message)) {
            status = response.getStatus();
            if (response.getStatusInfo().getFamily() == Response.Status.Family.SUCCESSFUL) {
                return;
            }
            detail = detail(response);
        } catch (WebApplicationException e) {
            status = e.getResponse().getStatus();
            detail = "";
        } catch (ProcessingException e) {
            throw new NotificationUnavailableException("notification-service unreachable: " + e.getMessage(), e);
        }
        String description = "notification-service answered " + status + detail;
        if (status == 401) {
            tokens.invalidate(); // an expired or rotated token: the next attempt gets a fresh one
        }
        if (EMAIL_REJECTED.contains(status)) {
            throw new EmailRejectedException(status, description);
        }
        if (status >= 400 && status < 500) {
            throw new NotificationRefusedException(status, description);
        }
        throw new NotificationUnavailableException(description);
    }

    private static String detail(Response response) {
        try {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            if (body == null || body.isBlank()) {
                return "";
            }
            return ": " + (body.length() > MAX_DETAIL_LENGTH ? body.substring(0, MAX_DETAIL_LENGTH) : body);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static NotificationRestClient restClient(String baseUrl) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl.replaceAll("/+$", "")))
                .connectTimeout(2, TimeUnit.SECONDS)
                .readTimeout(5, TimeUnit.SECONDS)
                // every status comes back as a Response, classified above, instead of as an exception
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(NotificationRestClient.class);
    }
}
