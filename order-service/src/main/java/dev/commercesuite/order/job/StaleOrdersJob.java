package dev.commercesuite.order.job;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.commercesuite.order.service.StaleOrders;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Cancels stale unpaid orders ({@link StaleOrders}), hourly by default ({@code order.stale-orders.cron}). Cancelled
 * orders are counted in {@code order.stale_orders.cancelled}; runs in {@code order.jobs.runs} (tags {@code job} and
 * {@code outcome}: {@code ran}, or {@code skipped} when another replica held the job's lock).
 */
@ApplicationScoped
public class StaleOrdersJob {

    static final String NAME = "stale-orders";
    private static final Logger LOG = Logger.getLogger(StaleOrdersJob.class);

    private final StaleOrders staleOrders;
    private final MeterRegistry meters;

    public StaleOrdersJob(StaleOrders staleOrders, MeterRegistry meters) {
        this.staleOrders = staleOrders;
        this.meters = meters;
    }

    @Scheduled(identity = "order-stale-orders", cron = "${order.stale-orders.cron:0 0 * * * ?}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** Runs the job now. */
    public StaleOrders.Run run() {
        StaleOrders.Run run = staleOrders.cancelStale();
        meters.counter("order.jobs.runs", "job", NAME, "outcome", run.ran() ? "ran" : "skipped").increment();
        if (!run.ran()) {
            LOG.debug("Stale orders skipped: another replica is running the job");
            return run;
        }
        meters.counter("order.stale_orders.cancelled").increment(run.cancelled());
        if (run.cancelled() > 0) {
            LOG.infof("Stale orders: cancelled %d in %d batch(es)", run.cancelled(), run.batches());
        }
        return run;
    }
}
