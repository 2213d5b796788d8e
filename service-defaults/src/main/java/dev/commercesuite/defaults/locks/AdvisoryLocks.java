package dev.commercesuite.defaults.locks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * PostgreSQL advisory locks, for work that one replica at a time should do (a scheduled clean-up, a job's batch).
 * Called inside a transaction: the lock is taken on the transaction's connection (the datasource hands the same one
 * to everything in the transaction, as for {@code OutboxWriter}) and released when the transaction ends.
 */
@ApplicationScoped
public class AdvisoryLocks {

    private final Instance<DataSource> dataSource;

    public AdvisoryLocks(Instance<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the lock {@code key} until the transaction ends, if nobody holds it; answers whether it did. */
    public boolean tryForTransaction(long key) {
        try (Connection connection = dataSource.get().getConnection();
                PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, key);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the advisory lock could not be asked for", e);
        }
    }
}
