package dev.commercesuite.defaults.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Makes sure a service's test database exists on the local PostgreSQL, creating it when it is missing. The service's
 * {@code %test} datasource URL names it (with {@code SUITE_PG_HOST}/{@code SUITE_PG_PORT} expressions). The server is the one {@code ./suite test} makes sure runs: {@code SUITE_PG_HOST} and {@code SUITE_PG_PORT}
 * (default 127.0.0.1:5432), user {@code SUITE_PG_USER} (default postgres), trust authentication.
 * <p>
 * Init argument {@code database}: the test database name, e.g. {@code identity_test}.
 */
public class LocalPostgres implements QuarkusTestResourceLifecycleManager {

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
        if (database == null || !database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("LocalPostgres needs a 'database' init argument such as identity_test");
        }
    }

    @Override
    public Map<String, String> start() {
        ensureDatabase(database);
        return Map.of();
    }

    @Override
    public void stop() {
        // the database is kept: tests clean the rows they own, and keeping it makes the next run faster
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    public static String host() {
        return env("SUITE_PG_HOST", "127.0.0.1");
    }

    public static String port() {
        return env("SUITE_PG_PORT", "5432");
    }

    public static String user() {
        return env("SUITE_PG_USER", "postgres");
    }

    /** Creates {@code database} unless it exists; safe when several test JVMs race to create it. */
    public static void ensureDatabase(String database) {
        try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), user(), null)) {
            try (PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (Statement create = admin.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // duplicate_database: another JVM won the race
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach PostgreSQL at " + host() + ":" + port()
                    + " to prepare database " + database + " (run the tests through ./suite test): " + e.getMessage(), e);
        }
    }

    /** Drops {@code database} (closing its connections) and creates it empty, for a test that needs no leftovers. */
    public static void recreateDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), user(), null);
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot recreate database " + database + " at " + host() + ":" + port()
                    + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
