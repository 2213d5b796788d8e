package dev.commercesuite.identity.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.commercesuite.identity.service.TimeSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Daily clean-up (03:00 UTC by default, {@code identity.cleanup.cron}): deletes verification and reset tokens that
 * expired or were used more than 7 days ago, refresh tokens that expired more than 7 days ago, and relayed outbox
 * messages older than 7 days (their payloads hold addresses). With several replicas one of them does the work: the
 * run holds a transaction-scoped advisory lock and the others skip. Deleted rows are counted in
 * {@code identity.cleanup.deleted} (tag {@code table}).
 */
@ApplicationScoped
public class TokenCleanupJob {

    static final Duration KEEP = Duration.ofDays(7);
    private static final long ADVISORY_LOCK = 0x1d3_c1ea;
    private static final Logger LOG = Logger.getLogger(TokenCleanupJob.class);
    private static final Map<String, String> DELETES = new LinkedHashMap<>();

    static {
        DELETES.put("email_verification_tokens", "DELETE FROM email_verification_tokens"
                + " WHERE expires_at < ? OR used_at < ?");
        DELETES.put("password_reset_tokens", "DELETE FROM password_reset_tokens WHERE expires_at < ? OR used_at < ?");
        DELETES.put("refresh_tokens", "DELETE FROM refresh_tokens WHERE expires_at < ?");
        DELETES.put("outbox", "DELETE FROM outbox WHERE status = 'sent' AND sent_at < ?");
    }

    private final DataSource dataSource;
    private final MeterRegistry meters;
    private final TimeSource time;

    public TokenCleanupJob(DataSource dataSource, MeterRegistry meters, TimeSource time) {
        this.dataSource = dataSource;
        this.meters = meters;
        this.time = time;
    }

    @Scheduled(identity = "identity-token-cleanup", cron = "${identity.cleanup.cron:0 0 3 * * ?}",
            timeZone = "UTC", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** Runs the clean-up now; answers the rows deleted per table, or an empty map if another replica holds it. */
    public Map<String, Integer> run() {
        Instant cutoff = time.now().minus(KEEP);
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Integer> deleted = new LinkedHashMap<>();
            try (Connection connection = dataSource.getConnection()) {
                if (!tryLock(connection)) {
                    LOG.debug("Token clean-up skipped: another replica is running it");
                    return deleted;
                }
                for (Map.Entry<String, String> delete : DELETES.entrySet()) {
                    try (PreparedStatement statement = connection.prepareStatement(delete.getValue())) {
                        // every placeholder is the cut-off
                        for (int i = 1; i <= delete.getValue().chars().filter(c -> c == '?').count(); i++) {
                            statement.setObject(i, cutoff.atOffset(ZoneOffset.UTC));
                        }
                        int rows = statement.executeUpdate();
                        deleted.put(delete.getKey(), rows);
                        meters.counter("identity.cleanup.deleted", "table", delete.getKey()).increment(rows);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("token clean-up failed", e);
            }
            LOG.infof("Token clean-up deleted %s", deleted);
            return deleted;
        });
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, ADVISORY_LOCK);
            try (ResultSet rows = lock.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }
}
