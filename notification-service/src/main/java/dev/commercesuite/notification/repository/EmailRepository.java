package dev.commercesuite.notification.repository;

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
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.defaults.paging.Cursor;
import dev.commercesuite.defaults.queue.LeasedQueue;
import dev.commercesuite.notification.domain.EmailStatus;
import dev.commercesuite.notification.domain.StoredEmail;

/**
 * The email queue in PostgreSQL, in plain JDBC: every method is one statement, so each is atomic on its own. As a
 * {@link LeasedQueue} its claims use {@code FOR UPDATE SKIP LOCKED} and a lease, which lets any number of workers
 * share the queue; times come from the application's clock.
 */
@ApplicationScoped
public class EmailRepository implements LeasedQueue<StoredEmail> {

    private static final String COLUMNS = "id, client_id, idempotency_key, request_hash, template, locale, tenant_id,"
            + " shop_name, recipient, subject, html_body, text_body, status, attempts, last_error, next_attempt_at, created_at,"
            + " updated_at, sent_at, trace_parent";

    private final DataSource dataSource;

    public EmailRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new queued email unless one with the same client and key exists; true when this call stored it. */
    public boolean insertIfAbsent(StoredEmail email) {
        String sql = "INSERT INTO emails (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (client_id, idempotency_key) DO NOTHING";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, email.id());
            insert.setString(2, email.clientId());
            insert.setString(3, email.idempotencyKey());
            insert.setString(4, email.requestHash());
            insert.setString(5, email.template());
            insert.setString(6, email.locale());
            insert.setString(7, email.tenantId());
            insert.setString(8, email.shopName());
            insert.setString(9, email.recipient());
            insert.setString(10, email.subject());
            insert.setString(11, email.htmlBody());
            insert.setString(12, email.textBody());
            insert.setString(13, email.status().value());
            insert.setInt(14, email.attempts());
            insert.setString(15, email.lastError());
            insert.setObject(16, timestamp(email.nextAttemptAt()));
            insert.setObject(17, timestamp(email.createdAt()));
            insert.setObject(18, timestamp(email.updatedAt()));
            insert.setObject(19, timestamp(email.sentAt()));
            insert.setString(20, email.traceParent());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new RepositoryException("insert email", e);
        }
    }

    public Optional<StoredEmail> findByKey(String clientId, String idempotencyKey) {
        return one("SELECT " + COLUMNS + " FROM emails WHERE client_id = ? AND idempotency_key = ?",
                clientId, idempotencyKey);
    }

    public Optional<StoredEmail> find(UUID id) {
        return one("SELECT " + COLUMNS + " FROM emails WHERE id = ?", id);
    }

    /** The email only if it belongs to {@code tenantId}: another tenant's email does not exist for the caller. */
    public Optional<StoredEmail> findForTenant(UUID id, String tenantId) {
        return one("SELECT " + COLUMNS + " FROM emails WHERE id = ? AND tenant_id = ?", id, tenantId);
    }

    @Override
    public List<StoredEmail> claim(int limit, Instant now, Duration lease) {
        String sql = "UPDATE emails SET status = 'sending', attempts = attempts + 1, updated_at = ?, lease_until = ?"
                + " WHERE id IN (SELECT id FROM emails"
                + "   WHERE (status = 'queued' AND next_attempt_at <= ?)"
                + "      OR (status = 'sending' AND lease_until < ?)"
                + "   ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " RETURNING " + COLUMNS;
        return list(sql, timestamp(now), timestamp(now.plus(lease)), timestamp(now), timestamp(now), limit);
    }

    /** The claimed email reached the SMTP server. */
    @Override
    public void succeeded(StoredEmail email, Instant now) {
        update("UPDATE emails SET status = 'sent', sent_at = ?, updated_at = ?, lease_until = NULL,"
                + " last_error = NULL WHERE id = ? AND status = 'sending'", timestamp(now), timestamp(now), email.id());
    }

    @Override
    public void retryLater(StoredEmail email, String error, Instant nextAttempt, Instant now) {
        failed(email.id(), "queued", error, nextAttempt, now);
    }

    @Override
    public void dead(StoredEmail email, String error, Instant now) {
        failed(email.id(), "dead", error, email.nextAttemptAt(), now);
    }

    private void failed(UUID id, String status, String error, Instant nextAttemptAt, Instant now) {
        update("UPDATE emails SET status = ?, last_error = ?, next_attempt_at = ?, updated_at = ?,"
                + " lease_until = NULL WHERE id = ? AND status = 'sending'",
                status, error, timestamp(nextAttemptAt), timestamp(now), id);
    }

    /** Gives a claim back without counting the attempt (the circuit was open: nothing was tried). */
    @Override
    public void release(StoredEmail email, Instant nextAttempt, Instant now) {
        update("UPDATE emails SET status = 'queued', attempts = GREATEST(attempts - 1, 0), next_attempt_at = ?,"
                + " updated_at = ?, lease_until = NULL WHERE id = ? AND status = 'sending'",
                timestamp(nextAttempt), timestamp(now), email.id());
    }

    /** Queues a dead email again with a fresh attempt budget; false when it is not dead. */
    public boolean requeueDead(UUID id, String tenantId, Instant now) {
        return update("UPDATE emails SET status = 'queued', attempts = 0, next_attempt_at = ?, updated_at = ?"
                + " WHERE id = ? AND tenant_id = ? AND status = 'dead'", timestamp(now), timestamp(now), id,
                tenantId) == 1;
    }

    /**
     * One page of a tenant's emails, newest first, after the (createdAt, id) of the previous page's last row.
     */
    public List<StoredEmail> page(String tenantId, Optional<EmailStatus> status, int limit,
            Optional<Cursor> after) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM emails WHERE tenant_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(tenantId));
        status.ifPresent(s -> {
            sql.append(" AND status = ?");
            parameters.add(s.value());
        });
        after.ifPresent(cursor -> {
            sql.append(" AND (created_at, id) < (?, ?)");
            parameters.add(timestamp(cursor.createdAt()));
            parameters.add(cursor.id());
        });
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        parameters.add(limit);
        return list(sql.toString(), parameters.toArray());
    }

    /** Deletes up to {@code limit} emails sent before {@code cutoff}; returns how many. */
    public int purgeSent(Instant cutoff, int limit) {
        return update("DELETE FROM emails WHERE id IN (SELECT id FROM emails WHERE status = 'sent' AND sent_at < ?"
                + " LIMIT ?)", timestamp(cutoff), limit);
    }

    /** Emails waiting or being sent, and the age of the oldest of them. */
    public QueueStats queueStats() {
        String sql = "SELECT count(*), min(created_at) FROM emails WHERE status IN ('queued', 'sending')";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return new QueueStats(rows.getLong(1), Optional.ofNullable(instant(rows, "min")));
        } catch (SQLException e) {
            throw new RepositoryException("read queue statistics", e);
        }
    }

    public record QueueStats(long depth, Optional<Instant> oldestCreatedAt) {
    }

    private Optional<StoredEmail> one(String sql, Object... parameters) {
        List<StoredEmail> rows = list(sql, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private List<StoredEmail> list(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<StoredEmail> emails = new ArrayList<>();
            while (rows.next()) {
                emails.add(map(rows));
            }
            return emails;
        } catch (SQLException e) {
            throw new RepositoryException("query emails", e);
        }
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("update emails", e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private static StoredEmail map(ResultSet row) throws SQLException {
        return new StoredEmail(row.getObject("id", UUID.class), row.getString("client_id"),
                row.getString("idempotency_key"), row.getString("request_hash"), row.getString("template"),
                row.getString("locale"), row.getString("tenant_id"), row.getString("shop_name"),
                row.getString("recipient"),
                row.getString("subject"), row.getString("html_body"), row.getString("text_body"),
                EmailStatus.of(row.getString("status")), row.getInt("attempts"), row.getString("last_error"),
                instant(row, "next_attempt_at"), instant(row, "created_at"),
                instant(row, "updated_at"), instant(row, "sent_at"), row.getString("trace_parent"));
    }

    /** timestamptz values travel as UTC offsets, whatever the JVM's default time zone. */
    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
