package dev.commercesuite.order.job;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.commercesuite.order.service.PaymentReconciliation;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Checks orders awaiting payment against Stripe ({@link PaymentReconciliation}), every 10 minutes by default
 * ({@code stripe.reconciliation.cron}). Orders it found paid are counted in {@code order.payments.reconciled}; runs in
 * {@code order.jobs.runs} (tags {@code job} and {@code outcome}).
 */
@ApplicationScoped
public class PaymentReconciliationJob {

    static final String NAME = "payment-reconciliation";
    private static final Logger LOG = Logger.getLogger(PaymentReconciliationJob.class);

    private final PaymentReconciliation reconciliation;
    private final MeterRegistry meters;

    public PaymentReconciliationJob(PaymentReconciliation reconciliation, MeterRegistry meters) {
        this.reconciliation = reconciliation;
        this.meters = meters;
    }

    @Scheduled(identity = "order-payment-reconciliation", cron = "${stripe.reconciliation.cron:0 */10 * * * ?}",
            timeZone = "UTC", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** Runs the job now. */
    public PaymentReconciliation.Run run() {
        PaymentReconciliation.Run run = reconciliation.reconcile();
        meters.counter("order.jobs.runs", "job", NAME, "outcome", run.ran() ? "ran" : "skipped").increment();
        if (run.ran()) {
            meters.counter("order.payments.reconciled").increment(run.paid());
            if (run.checked() > 0) {
                LOG.infof("Payment reconciliation: asked Stripe about %d order(s), %d paid, %d unanswered",
                        run.checked(), run.paid(), run.unanswered());
            }
        }
        return run;
    }
}
