package dev.commercesuite.notification.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.commercesuite.notification.client.SmtpSender;
import dev.commercesuite.notification.repository.EmailRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The email pipeline's state, in the readiness data and as gauges: queue depth, the age of the oldest waiting email,
 * whether the SMTP server accepts connections, and the SMTP circuit. It is always UP: an SMTP outage must not take
 * the service out of rotation, since intake keeps queueing emails durably meanwhile. The database has its own check.
 */
@Startup // its meters exist from the first scrape, not from its first use
@Readiness
@ApplicationScoped
public class EmailDeliveryCheck implements HealthCheck {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    private final EmailRepository emails;
    private final CircuitBreakerMaintenance breakers;
    private final String smtpHost;
    private final int smtpPort;
    private final Clock clock;

    public EmailDeliveryCheck(EmailRepository emails, CircuitBreakerMaintenance breakers, MeterRegistry registry,
            Clock clock, @ConfigProperty(name = "quarkus.mailer.host", defaultValue = "localhost") String smtpHost,
            @ConfigProperty(name = "quarkus.mailer.port", defaultValue = "25") int smtpPort) {
        this.emails = emails;
        this.breakers = breakers;
        this.smtpHost = smtpHost;
        this.smtpPort = smtpPort;
        this.clock = clock;
        Gauge.builder("notification.queue.depth", this, check -> check.stats().depth())
                .description("Emails queued or being sent").register(registry);
        Gauge.builder("notification.queue.oldest.age", this, check -> check.oldestAgeSeconds())
                .description("Age in seconds of the oldest email not yet sent").baseUnit("seconds").register(registry);
        Gauge.builder("notification.smtp.reachable", this, check -> check.smtpReachable() ? 1 : 0)
                .description("1 when the SMTP server accepts TCP connections").register(registry);
        Gauge.builder("notification.smtp.circuit.open", this, check -> check.circuitState() == CircuitBreakerState.CLOSED ? 0 : 1)
                .description("1 while the SMTP circuit breaker is open or half-open").register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Email delivery").up();
        try {
            EmailRepository.QueueStats stats = stats();
            response.withData("queueDepth", stats.depth())
                    .withData("oldestQueuedAgeSeconds", oldestAgeSeconds(stats));
        } catch (RuntimeException e) {
            response.withData("queue", "unavailable");
        }
        return response.withData("smtpReachable", smtpReachable())
                .withData("smtpCircuit", circuitState().name().toLowerCase(java.util.Locale.ROOT))
                .build();
    }

    EmailRepository.QueueStats stats() {
        return emails.queueStats();
    }

    double oldestAgeSeconds() {
        return oldestAgeSeconds(stats());
    }

    private long oldestAgeSeconds(EmailRepository.QueueStats stats) {
        return stats.oldestCreatedAt().map(oldest -> Duration.between(oldest, clock.instant()).toSeconds()).orElse(0L);
    }

    boolean smtpReachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(smtpHost, smtpPort), (int) CONNECT_TIMEOUT.toMillis());
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    CircuitBreakerState circuitState() {
        return breakers.currentState(SmtpSender.BREAKER);
    }
}
