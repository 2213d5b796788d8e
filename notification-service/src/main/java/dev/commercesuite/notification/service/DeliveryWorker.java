package dev.commercesuite.notification.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import dev.commercesuite.defaults.queue.LeasedQueueWorker;
import dev.commercesuite.defaults.queue.LeasedWork;
import dev.commercesuite.defaults.tracing.StoredTrace;
import dev.commercesuite.notification.client.SmtpSender;
import dev.commercesuite.notification.config.NotificationConfig;
import dev.commercesuite.notification.domain.StoredEmail;
import dev.commercesuite.notification.repository.EmailRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends due emails with the shared {@link LeasedQueueWorker} over the email queue: each round claims a batch (SKIP
 * LOCKED, with a lease), sends its emails concurrently and records each outcome. A failure schedules the next attempt
 * with backoff, the last allowed failure (or one that can never succeed, such as an address the mailer refuses as an
 * argument) makes the email dead, and an open circuit gives the claim back untouched. Several replicas can run it at
 * once. On shutdown it finishes the batch in hand and claims no more. Each email is sent in the trace of the request
 * that queued it ({@link StoredTrace}): the SMTP send and its log lines join the order's or sign-up's trace.
 */
@Startup // its meters exist from the first scrape, not from its first use
@ApplicationScoped
public class DeliveryWorker {

    private final LeasedQueueWorker<StoredEmail> worker;
    private volatile boolean stopping;

    public DeliveryWorker(EmailRepository emails, SmtpSender sender, NotificationConfig config,
            MeterRegistry registry, Clock clock, StoredTrace trace) {
        Counter sent = Counter.builder("notification.emails.sent").description("Emails accepted by the SMTP server")
                .register(registry);
        Counter failed = Counter.builder("notification.emails.failed").description("Failed delivery attempts")
                .register(registry);
        Counter dead = Counter.builder("notification.emails.dead")
                .description("Emails given up after the last attempt").register(registry);
        NotificationConfig.Delivery delivery = config.delivery();
        LeasedQueueWorker.Settings settings = new LeasedQueueWorker.Settings(delivery.batchSize(), delivery.lease(),
                delivery.baseBackoff(), delivery.maxBackoff(), delivery.maxAttempts(), delivery.circuitOpenDelay(),
                true);
        this.worker = new LeasedQueueWorker<>("Email", emails, new Sending(sender, sent, failed, dead), settings,
                clock, trace.forItems("email send"));
    }

    @Scheduled(identity = "email-delivery", every = "${notification.delivery.poll-interval:1S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = DeliveryDisabled.class)
    void deliverDue() {
        drainOnce();
    }

    /** Delivers batches until nothing is due (or shutdown begins); safe to run on several threads or replicas. */
    public void drainOnce() {
        worker.drain(() -> stopping);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** One email to the SMTP server, counted. */
    private record Sending(SmtpSender sender, Counter sent, Counter failed, Counter dead)
            implements LeasedWork<StoredEmail> {

        @Override
        public void process(StoredEmail email) {
            sender.send(email);
        }

        @Override
        public Verdict judge(RuntimeException failure) {
            return failure instanceof CircuitBreakerOpenException ? Verdict.NOT_ATTEMPTED
                    : LeasedWork.super.judge(failure);
        }

        /** The root cause: the mailer wraps the SMTP server's answer. */
        @Override
        public String describe(RuntimeException failure) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        }

        @Override
        public void succeeded(StoredEmail email) {
            sent.increment();
        }

        @Override
        public void failed(StoredEmail email, String error, boolean isDead) {
            failed.increment();
            if (isDead) {
                dead.increment();
            }
        }
    }
}
