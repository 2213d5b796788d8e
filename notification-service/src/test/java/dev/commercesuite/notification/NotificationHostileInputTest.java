package dev.commercesuite.notification;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import dev.commercesuite.defaults.testing.HostileInputTests;
import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The shared hostile corpus against every notification endpoint, anonymous, as a calling service and as a shop's
 * admin; refused intake requests queue no email.
 */
@QuarkusTest
class NotificationHostileInputTest extends HostileInputTests {

    @Inject
    DataSource dataSource;

    @Override
    protected List<String> tokens() {
        return List.of(TestTokens.service("identity-service"), TestTokens.user("hostile-admin", "tenant-h", "admin"));
    }

    @Override
    protected Map<String, Long> storedRows() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM emails")) {
            rows.next();
            return Map.of("emails", rows.getLong(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
