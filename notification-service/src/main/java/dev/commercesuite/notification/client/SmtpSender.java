package dev.commercesuite.notification.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import dev.commercesuite.notification.domain.StoredEmail;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.smallrye.faulttolerance.api.CircuitBreakerName;

/**
 * Hands one email to the SMTP server, behind a timeout and a circuit breaker: when the server keeps failing, the
 * breaker opens and sends fail fast (the worker keeps those emails queued) until a trial send succeeds.
 */
@ApplicationScoped
public class SmtpSender {

    /** The breaker's name, for its metrics and {@code CircuitBreakerMaintenance}. */
    public static final String BREAKER = "smtp";

    private final Mailer mailer;

    public SmtpSender(Mailer mailer) {
        this.mailer = mailer;
    }

    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10_000, successThreshold = 1)
    @CircuitBreakerName(BREAKER)
    public void send(StoredEmail email) {
        mailer.send(Mail.withHtml(email.recipient(), email.subject(), email.htmlBody())
                .setText(email.textBody())
                // lets a receiving system recognise a re-delivery after a crash between send and bookkeeping
                .addHeader("X-Commerce-Suite-Email-Id", email.id().toString()));
    }
}
