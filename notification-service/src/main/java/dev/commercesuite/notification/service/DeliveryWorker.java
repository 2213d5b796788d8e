package dev.commercesuite.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import dev.commercesuite.defaults.logging.LogMasking;
import dev.commercesuite.defaults.retry.Backoff;
import dev.commercesuite.notification.client.SmtpSender;
import dev.commercesuite.notification.config.NotificationConfig;
import dev.commercesuite.notification.domain.StoredEmail;
import dev.commercesuite.notification.repository.EmailRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends due emails. Each round claims a batch (SKIP LOCKED, with a lease), sends its emails concurrently and records
 * each outcome;
 * a failure schedules the next attempt with backoff, the last allowed failure makes the email dead, and an open
 * circuit gives the claim back untouched. Several replicas can run it at once. On shutdown it finishes the batch in
 * hand and claims no more.
 */
@Startup // its meters exist from the first scrape, not from its first use
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final int MAX_ERROR_LENGTH = 1000;

    private final EmailRepository emails;
    private final SmtpSender sender;
    private final NotificationConfig config;
    private final Counter sent;
    private final Counter failed;
    private final Counter dead;
    private final Clock clock;
    private volatile boolean stopping;

    public DeliveryWorker(EmailRepository emails, SmtpSender sender, NotificationConfig config,
            MeterRegistry registry, Clock clock) {
        this.emails = emails;
        this.clock = clock;
        this.sender = sender;
        this.config = config;
        this.sent = Counter.builder("notification.emails.sent").description("Emails accepted by the SMTP server")
                .register(registry);
        this.failed = Counter.builder("notification.emails.failed").description("Failed delivery attempts")
                .register(registry);
        this.dead = Counter.builder("notification.emails.dead").description("Emails given up after the last attempt")
                .register(registry);
    }

    @Scheduled(identity = "email-delivery", every = "${notification.delivery.poll-interval:1S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = DeliveryDisabled.class)
    void deliverDue() {
        drainOnce();
    }

    /** Delivers batches until nothing is due (or shutdown begins); safe to run on several threads or replicas. */
    public void drainOnce() {
        while (!stopping) {
            List<StoredEmail> batch = emails.claimDue(config.delivery().batchSize(), config.delivery().lease());
            if (batch.isEmpty()) {
                return;
            }
            // the batch's emails go out concurrently (the mailer's connection pool bounds it), each recorded on its own
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                for (StoredEmail email : batch) {
                    senders.submit(() -> deliverOrLeave(email));
                }
            }
        }
    }

    /** A failure to record the outcome (the database is away) leaves the claim to expire and be retried. */
    private void deliverOrLeave(StoredEmail email) {
        try {
            deliver(email);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record the delivery of email %s; it is retried when its lease expires", email.id());
        }
    }

    void deliver(StoredEmail email) {
        try {
            sender.send(email);
            emails.markSent(email.id());
            sent.increment();
        } catch (CircuitBreakerOpenException e) {
            emails.release(email.id(), clock.instant().plus(config.delivery().circuitOpenDelay()));
        } catch (RuntimeException e) {
            failed.increment();
            boolean giveUp = email.attempts() >= config.delivery().maxAttempts();
            String error = describe(e);
            Instant next = clock.instant().plus(Backoff.after(email.attempts(), config.delivery().baseBackoff(),
                    config.delivery().maxBackoff(), ThreadLocalRandom.current()));
            emails.markFailed(email.id(), error, next, giveUp);
            if (giveUp) {
                dead.increment();
                LOG.errorf("Email %s (%s) is dead after %d attempts: %s", email.id(), email.template(),
                        email.attempts(), LogMasking.maskEmails(error));
            } else {
                LOG.warnf("Email %s (%s) attempt %d failed, next at %s: %s", email.id(), email.template(),
                        email.attempts(), next, LogMasking.maskEmails(error));
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) : message;
    }
}
