package dev.commercesuite.defaults.outbox;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import dev.commercesuite.defaults.queue.LeasedQueueWorker;
import dev.commercesuite.defaults.queue.LeasedWork;
import dev.commercesuite.defaults.retry.Failures;
import dev.commercesuite.defaults.tracing.StoredTrace;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Relays the outbox with the shared {@link LeasedQueueWorker}: claims due messages ({@code FOR UPDATE SKIP LOCKED},
 * with a lease, so replicas share the work and a crashed relay's messages are taken again), hands each to its
 * {@link OutboxDestination} with the row id as idempotency key, and records the outcome. A failure is retried with
 * exponential backoff and jitter, by default forever ({@code suite.outbox.max-attempts}): nothing is lost while a
 * receiver is down. A message that can never succeed is dead (logged at ERROR): one the receiver refuses outright
 * (a permanent {@link OutboxDeliveryException}), or one a local destination fails on with a data error
 * ({@link Failures#permanent}). A relay claims only messages for destinations it has, so during a rolling upgrade an
 * older replica leaves a newer one's messages alone. On shutdown the relay finishes its batch and claims no more.
 * Each message is delivered in the trace of the transaction that wrote it ({@link StoredTrace}), so the receiver's
 * work and logs join the request's trace.
 */
@ApplicationScoped
public class OutboxRelay {

    private final Map<String, OutboxDestination> destinations = new HashMap<>();
    private final LeasedQueueWorker<OutboxMessage> worker;
    private volatile boolean stopping;

    public OutboxRelay(OutboxConfig config, Instance<DataSource> dataSource, Instance<OutboxDestination> destinations,
            Clock clock, StoredTrace trace) {
        for (OutboxDestination destination : destinations) {
            this.destinations.put(destination.name(), destination);
        }
        LeasedQueueWorker.Settings settings = new LeasedQueueWorker.Settings(config.batchSize(), config.lease(),
                config.baseBackoff(), config.maxBackoff(), config.maxAttempts(), config.baseBackoff(), false);
        this.worker = new LeasedQueueWorker<>("Outbox message",
                new OutboxQueue(dataSource::get, this.destinations.keySet()), new Delivery(), settings, clock,
                trace.forItems("outbox deliver"));
    }

    @Scheduled(identity = "outbox-relay", every = "${suite.outbox.poll-interval:1S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    void relayDue() {
        drainOnce();
    }

    /** Relays batches until nothing is due or shutdown begins. */
    public void drainOnce() {
        worker.drain(() -> stopping);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** One message to its destination; the destination's own verdict on a refusal wins. */
    private final class Delivery implements LeasedWork<OutboxMessage> {

        @Override
        public void process(OutboxMessage message) {
            OutboxDestination destination = destinations.get(message.destination());
            if (destination == null) {
                throw new OutboxDeliveryException("no destination named " + message.destination(), true);
            }
            destination.deliver(message.id(), message.payload());
        }

        @Override
        public Verdict judge(RuntimeException failure) {
            if (failure instanceof OutboxDeliveryException delivery) {
                return delivery.permanent() ? Verdict.GIVE_UP : Verdict.RETRY;
            }
            // a local destination's own failure: poison input is dead, anything else retried
            return LeasedWork.super.judge(failure);
        }

        @Override
        public String describe(RuntimeException failure) {
            return failure instanceof OutboxDeliveryException ? String.valueOf(failure.getMessage())
                    : LeasedWork.super.describe(failure);
        }
    }

    /** Skips rounds where the outbox is off, and every round once shutdown has begun. */
    @jakarta.inject.Singleton
    public static class Disabled implements Scheduled.SkipPredicate {

        private final OutboxConfig config;
        private volatile boolean shuttingDown;

        public Disabled(OutboxConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return shuttingDown || !config.enabled();
        }

        void onShutdown(@Observes ShutdownEvent event) {
            shuttingDown = true;
        }
    }
}
