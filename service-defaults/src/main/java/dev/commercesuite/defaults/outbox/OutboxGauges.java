package dev.commercesuite.defaults.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.ToDoubleFunction;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * The outbox's state as gauges, for the dashboards and alerts of a service whose relay is on: messages not delivered
 * yet ({@code outbox_pending}: waiting or being sent), the age of the oldest of them
 * ({@code outbox_oldest_pending_age_seconds}) and dead messages kept for an operator ({@code outbox_dead}). Two
 * statements, each over a partial index, read all three, and their answer is kept for {@link #REFRESH}: however often
 * and by however many servers the service is scraped, a replica asks its database at most once per period. While the
 * database does not answer, the gauges read NaN (a gap in the graph, never a reassuring zero).
 */
@Startup // the gauges exist from the first scrape
@ApplicationScoped
public class OutboxGauges {

    static final Duration REFRESH = Duration.ofSeconds(5);

    private static final Snapshot UNKNOWN = new Snapshot(Double.NaN, null, Double.NaN, Long.MIN_VALUE);

    /** What the database said at {@code readAtNanos}; {@code oldestPending} is null when nothing waits. */
    private record Snapshot(double pending, OffsetDateTime oldestPending, double dead, long readAtNanos) {
    }

    private final Instance<DataSource> dataSource;
    private final Clock clock;
    private Snapshot snapshot = UNKNOWN;

    public OutboxGauges(OutboxConfig config, Instance<DataSource> dataSource, MeterRegistry registry, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        if (!config.enabled()) {
            return; // no relay, so no outbox table to watch
        }
        gauge(registry, "outbox.pending", "Outbox messages not delivered yet (waiting or being sent)", null,
                Snapshot::pending);
        gauge(registry, "outbox.oldest.pending.age", "Age of the oldest outbox message not delivered yet", "seconds",
                this::oldestPendingAgeSeconds);
        gauge(registry, "outbox.dead", "Dead outbox messages kept for an operator (never retried by themselves)",
                null, Snapshot::dead);
    }

    private void gauge(MeterRegistry registry, String name, String description, String unit,
            ToDoubleFunction<Snapshot> value) {
        Gauge.builder(name, this, gauges -> value.applyAsDouble(gauges.current())).description(description)
                .baseUnit(unit).strongReference(true).register(registry);
    }

    private double oldestPendingAgeSeconds(Snapshot read) {
        if (Double.isNaN(read.pending())) {
            return Double.NaN;
        }
        if (read.oldestPending() == null) {
            return 0;
        }
        return Math.max(0, Duration.between(read.oldestPending().toInstant(), clock.instant()).toMillis() / 1000.0);
    }

    /** The last answer while it is fresh, else a new one (a failed read is kept as long, so an outage is not hammered). */
    synchronized Snapshot current() {
        long now = System.nanoTime();
        if (snapshot != UNKNOWN && now - snapshot.readAtNanos() < REFRESH.toNanos()) {
            return snapshot;
        }
        snapshot = read(now);
        return snapshot;
    }

    private Snapshot read(long now) {
        try (Connection connection = dataSource.get().getConnection();
                PreparedStatement pending = connection.prepareStatement("SELECT count(*), min(created_at)"
                        + " FROM outbox WHERE status IN ('pending', 'sending')");
                PreparedStatement dead = connection.prepareStatement(
                        "SELECT count(*) FROM outbox WHERE status = 'dead'");
                ResultSet waiting = pending.executeQuery();
                ResultSet given = dead.executeQuery()) {
            waiting.next();
            given.next();
            return new Snapshot(waiting.getLong(1), waiting.getObject(2, OffsetDateTime.class), given.getLong(1), now);
        } catch (SQLException | RuntimeException e) {
            return new Snapshot(Double.NaN, null, Double.NaN, now);
        }
    }
}
