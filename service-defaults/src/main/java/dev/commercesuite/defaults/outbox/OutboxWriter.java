package dev.commercesuite.defaults.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.commercesuite.defaults.ids.UuidV7;
import dev.commercesuite.defaults.tracing.StoredTrace;

/**
 * Writes a message to the outbox. Called inside the business transaction ({@code @Transactional}), the row commits
 * or rolls back with the change it announces: no message without its change, no change without its message. The row
 * keeps the current trace context ({@link StoredTrace}), so the relay delivers it in the trace of the request.
 */
@ApplicationScoped
public class OutboxWriter {

    private final Instance<DataSource> dataSource;
    private final ObjectMapper json;
    private final Clock clock;

    public OutboxWriter(Instance<DataSource> dataSource, ObjectMapper json, Clock clock) {
        this.dataSource = dataSource;
        this.json = json;
        this.clock = clock;
    }

    /** Queues {@code payload}, serialised as JSON, for {@code destination}; returns the message id. */
    public UUID enqueue(String destination, Object payload) {
        try {
            return enqueue(destination, json.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the outbox payload cannot be written as JSON", e);
        }
    }

    /**
     * Queues {@code payload} (JSON) for {@code destination} in the current trace; returns the message id, its
     * idempotency key.
     */
    public UUID enqueue(String destination, String payload) {
        UUID id = UuidV7.next();
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        try (Connection connection = dataSource.get().getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO outbox (id, destination, payload,"
                        + " status, attempts, next_attempt_at, created_at, trace_parent)"
                        + " VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, destination);
            insert.setString(3, payload);
            insert.setObject(4, now);
            insert.setObject(5, now);
            insert.setString(6, StoredTrace.current());
            insert.executeUpdate();
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException("could not write to the outbox", e);
        }
    }
}
