package dev.commercesuite.notification.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import dev.commercesuite.notification.domain.StoredEmail;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.smallrye.faulttolerance.api.CircuitBreakerName;

/**
 * Hands one email to the SMTP server, behind a timeout and a circuit breaker: when the server keeps failing, the
 * breaker opens and sends fail fast (the worker keeps those emails queued) until a trial send succeeds. An email
 * that names its shop is from the shop ({@link ShopSender}: the shop's name over the configured address); the
 * envelope sender stays the configured one.
 */
@ApplicationScoped
public class SmtpSender {

    /** The breaker's name, for its metrics and {@code CircuitBreakerMaintenance}. */
    public static final String BREAKER = "smtp";

    private final Mailer mailer;
    private final ShopSender shopSender;

    public SmtpSender(Mailer mailer, @ConfigProperty(name = "quarkus.mailer.from") String from) {
        this.mailer = mailer;
        this.shopSender = new ShopSender(from);
    }

    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10_000, successThreshold = 1)
    @CircuitBreakerName(BREAKER)
    public void send(StoredEmail email) {
        Mail mail = Mail.withHtml(email.recipient(), email.subject(), email.htmlBody())
                .setText(email.textBody())
                // lets a receiving system recognise a re-delivery after a crash between send and bookkeeping
                .addHeader("X-Commerce-Suite-Email-Id", email.id().toString());
        if (email.shopName() != null) {
            // written as it is: the mail client's own From (the configured sender) would otherwise re-encode it
            mail.addHeader("From", shopSender.header(email.shopName()));
        }
        mailer.send(mail);
    }
}
