package dev.commercesuite.localrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL for machines without one: {@code LocalPostgres DATA_DIR PORT DB...}. Data survives restarts
 * in DATA_DIR; each named database is created when missing. Runs until the process is stopped (SIGTERM or Ctrl-C),
 * then shuts PostgreSQL down cleanly.
 */
public final class LocalPostgres {

    private LocalPostgres() {
    }

    public static void main(String[] args) throws IOException, SQLException, InterruptedException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: LocalPostgres DATA_DIR PORT [DATABASE...]");
        }
        Path data = Path.of(args[0]);
        Files.createDirectories(data);
        int port = Integer.parseInt(args[1]);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            stopped.countDown();
        }));
        createDatabases(postgres, List.of(args).subList(2, args.length));
        System.out.println("embedded PostgreSQL ready on 127.0.0.1:" + port + " (data in " + data + ")");
        stopped.await();
    }

    private static void createDatabases(EmbeddedPostgres postgres, List<String> names) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String name : names) {
                if (!name.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a database name: " + name);
                }
                try (ResultSet rows = statement.executeQuery(
                        "SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                    if (rows.next()) {
                        continue;
                    }
                }
                statement.execute("CREATE DATABASE " + name);
            }
        }
    }
}
