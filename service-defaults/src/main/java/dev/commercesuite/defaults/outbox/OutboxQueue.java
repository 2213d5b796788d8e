package dev.commercesuite.defaults.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.commercesuite.defaults.queue.LeasedQueue;

/**
 * The {@code outbox} table (each service's own, from its migrations) as a {@link LeasedQueue}, in plain JDBC: every
 * method is one statement. It claims only messages for {@code destinations}, the ones this relay can deliver, so
 * during a rolling upgrade an older replica leaves a newer one's messages alone.
 */
public final class OutboxQueue implements LeasedQueue<OutboxMessage> {

    private final Supplier<DataSource> dataSource;
    private final Set<String> destinations;

    /** {@code dataSource} is looked up on first use: a service without a database never relays. */
    public OutboxQueue(Supplier<DataSource> dataSource, Set<String> destinations) {
        this.dataSource = dataSource;
        this.destinations = Set.copyOf(destinations);
    }

    @Override
    public List<OutboxMessage> claim(int limit, Instant now, Duration lease) {
        String sql = "UPDATE outbox SET status = 'sending', attempts = attempts + 1, lease_until = ?"
                + " WHERE id IN (SELECT id FROM outbox"
                + "   WHERE ((status = 'pending' AND next_attempt_at <= ?)"
                + "      OR (status = 'sending' AND lease_until < ?)) AND destination = ANY (?)"
                + "   ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " RETURNING id, destination, payload, attempts, trace_parent";
        try (Connection connection = dataSource.get().getConnection();
                PreparedStatement claim = connection.prepareStatement(sql)) {
            claim.setObject(1, timestamp(now.plus(lease)));
            claim.setObject(2, timestamp(now));
            claim.setObject(3, timestamp(now));
            claim.setArray(4, connection.createArrayOf("text", destinations.toArray()));
            claim.setInt(5, limit);
            List<OutboxMessage> messages = new ArrayList<>();
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    messages.add(new OutboxMessage(rows.getObject(1, UUID.class), rows.getString(2),
                            rows.getString(3), rows.getInt(4), rows.getString(5)));
                }
            }
            return messages;
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim outbox messages", e);
        }
    }

    @Override
    public void succeeded(OutboxMessage message, Instant now) {
        update("UPDATE outbox SET status = 'sent', sent_at = ?, lease_until = NULL, last_error = NULL"
                + " WHERE id = ? AND status = 'sending'", timestamp(now), message.id());
    }

    @Override
    public void retryLater(OutboxMessage message, String error, Instant nextAttempt, Instant now) {
        update("UPDATE outbox SET status = 'pending', last_error = ?, next_attempt_at = ?, lease_until = NULL"
                + " WHERE id = ? AND status = 'sending'", error, timestamp(nextAttempt), message.id());
    }

    @Override
    public void dead(OutboxMessage message, String error, Instant now) {
        update("UPDATE outbox SET status = 'dead', last_error = ?, lease_until = NULL WHERE id = ?"
                + " AND status = 'sending'", error, message.id());
    }

    @Override
    public void release(OutboxMessage message, Instant nextAttempt, Instant now) {
        update("UPDATE outbox SET status = 'pending', attempts = GREATEST(attempts - 1, 0), next_attempt_at = ?,"
                + " lease_until = NULL WHERE id = ? AND status = 'sending'", timestamp(nextAttempt), message.id());
    }

    /** Empties the payloads of up to {@code limit} messages sent before {@code cutoff}; returns how many. */
    public int redactSent(Instant cutoff, int limit) {
        return update("UPDATE outbox SET payload = '{}' WHERE id IN (SELECT id FROM outbox WHERE status = 'sent'"
                + " AND sent_at < ? AND payload <> '{}' LIMIT ?)", timestamp(cutoff), limit);
    }

    /** Deletes up to {@code limit} messages sent before {@code cutoff}; returns how many. */
    public int purgeSent(Instant cutoff, int limit) {
        return update("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE status = 'sent' AND sent_at < ?"
                + " LIMIT ?)", timestamp(cutoff), limit);
    }

    /** Deletes up to {@code limit} dead messages written before {@code cutoff}; returns how many. */
    public int purgeDead(Instant cutoff, int limit) {
        return update("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE status = 'dead' AND created_at < ?"
                + " LIMIT ?)", timestamp(cutoff), limit);
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.get().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not update the outbox", e);
        }
    }

    /** timestamptz values travel as UTC offsets, whatever the JVM's default time zone. */
    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
