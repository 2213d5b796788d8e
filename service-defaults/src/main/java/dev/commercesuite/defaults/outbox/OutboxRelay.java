package dev.commercesuite.defaults.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.commercesuite.defaults.logging.LogMasking;
import dev.commercesuite.defaults.retry.Backoff;
import dev.commercesuite.defaults.retry.Failures;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Relays the outbox: claims due messages ({@code FOR UPDATE SKIP LOCKED}, with a lease, so replicas share the work
 * and a crashed relay's messages are taken again), hands each to its {@link OutboxDestination} with the row id as
 * idempotency key, and records the outcome. A failure is retried with exponential backoff and jitter, forever:
 * nothing is lost while a receiver is down. A message that can never succeed is dead (logged at ERROR): one the
 * receiver refuses outright, or one a local destination fails on with a data error ({@link Failures#permanent}). A
 * relay claims only messages for destinations it has, so during a rolling upgrade an older replica leaves a newer
 * one's messages alone. On shutdown the relay finishes its batch and claims no more.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int MAX_ERROR_LENGTH = 1000;

    private final OutboxConfig config;
    private final Instance<DataSource> dataSource;
    private final Map<String, OutboxDestination> destinations = new HashMap<>();
    private volatile boolean stopping;

    public OutboxRelay(OutboxConfig config, Instance<DataSource> dataSource, Instance<OutboxDestination> destinations) {
        this.config = config;
        this.dataSource = dataSource;
        for (OutboxDestination destination : destinations) {
            this.destinations.put(destination.name(), destination);
        }
    }

    @Scheduled(identity = "outbox-relay", every = "${suite.outbox.poll-interval:1S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    void relayDue() {
        drainOnce();
    }

    /** Relays batches until nothing is due or shutdown begins. */
    public void drainOnce() {
        while (!stopping) {
            List<Message> batch = claim();
            if (batch.isEmpty()) {
                return;
            }
            for (Message message : batch) {
                relay(message);
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private void relay(Message message) {
        OutboxDestination destination = destinations.get(message.destination());
        try {
            if (destination == null) {
                throw new OutboxDeliveryException("no destination named " + message.destination(), true);
            }
            destination.deliver(message.id(), message.payload());
            update("UPDATE outbox SET status = 'sent', sent_at = now(), lease_until = NULL, last_error = NULL"
                    + " WHERE id = ? AND status = 'sending'", message.id());
        } catch (OutboxDeliveryException e) {
            failed(message, e.getMessage(), e.permanent());
        } catch (RuntimeException e) {
            // a local destination's own failure: poison input (Failures.permanent) is dead, anything else retried
            failed(message, e.getClass().getSimpleName() + ": " + e.getMessage(), Failures.permanent(e));
        }
    }

    private void failed(Message message, String error, boolean permanent) {
        // a poison message's error may quote it, and PostgreSQL stores no NUL: the outcome must still be recorded
        String detail = error == null ? "unknown error" : (error.length() > MAX_ERROR_LENGTH
                ? error.substring(0, MAX_ERROR_LENGTH) : error).replace("\u0000", "\\u0000");
        if (permanent) {
            update("UPDATE outbox SET status = 'dead', last_error = ?, lease_until = NULL WHERE id = ?"
                    + " AND status = 'sending'", detail, message.id());
            LOG.errorf("Outbox message %s to %s cannot be delivered and is dead: %s", message.id(), message.destination(),
                    LogMasking.maskEmails(detail));
            return;
        }
        Instant next = Instant.now().plus(Backoff.after(message.attempts(), config.baseBackoff(), config.maxBackoff(),
                ThreadLocalRandom.current()));
        update("UPDATE outbox SET status = 'pending', last_error = ?, next_attempt_at = ?, lease_until = NULL"
                + " WHERE id = ? AND status = 'sending'", detail, next.atOffset(ZoneOffset.UTC), message.id());
        LOG.warnf("Outbox message %s to %s attempt %d failed, next at %s: %s", message.id(), message.destination(),
                message.attempts(), next, LogMasking.maskEmails(detail));
    }

    private List<Message> claim() {
        String sql = "UPDATE outbox SET status = 'sending', attempts = attempts + 1,"
                + " lease_until = now() + make_interval(secs => ?)"
                + " WHERE id IN (SELECT id FROM outbox"
                + "   WHERE ((status = 'pending' AND next_attempt_at <= now())"
                + "      OR (status = 'sending' AND lease_until < now())) AND destination = ANY (?)"
                + "   ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " RETURNING id, destination, payload, attempts";
        try (Connection connection = dataSource.get().getConnection();
                PreparedStatement claim = connection.prepareStatement(sql)) {
            claim.setDouble(1, config.lease().toMillis() / 1000.0);
            claim.setArray(2, connection.createArrayOf("text", destinations.keySet().toArray()));
            claim.setInt(3, config.batchSize());
            List<Message> messages = new ArrayList<>();
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    messages.add(new Message(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                            rows.getInt(4)));
                }
            }
            return messages;
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim outbox messages", e);
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = dataSource.get().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record an outbox outcome", e);
        }
    }

    private record Message(UUID id, String destination, String payload, int attempts) {
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
