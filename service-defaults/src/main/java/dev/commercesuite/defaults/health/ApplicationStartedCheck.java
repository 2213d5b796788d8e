package dev.commercesuite.defaults.health;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Startup;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * The start-up probe: UP once the service has finished starting. Flyway migrates at start before the start-up event,
 * and a failed migration or a refused configuration aborts start-up, so UP also means "configuration accepted and
 * migrations applied"; the applied schema version is reported with it.
 */
@Startup
@ApplicationScoped
public class ApplicationStartedCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(ApplicationStartedCheck.class);
    private static final String SCHEMA_VERSION_QUERY = "SELECT version FROM flyway_schema_history"
            + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1";

    private final Instance<DataSource> dataSource;
    private volatile boolean started;
    private volatile String schemaVersion;

    public ApplicationStartedCheck(Instance<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    void onStart(@Observes StartupEvent event) {
        if (dataSource.isResolvable()) {
            schemaVersion = readSchemaVersion(dataSource.get()).orElse("none");
        }
        started = true;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Application started").status(started);
        if (schemaVersion != null) {
            response.withData("schemaVersion", schemaVersion);
        }
        return response.build();
    }

    private static Optional<String> readSchemaVersion(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(SCHEMA_VERSION_QUERY)) {
            return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Could not read the schema version: %s", e.getMessage());
            return Optional.empty();
        }
    }
}
