package dev.commercesuite.identity;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;

import dev.commercesuite.defaults.testing.ApiOperations.Operation;
import dev.commercesuite.defaults.testing.HostileInputTests;
import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The shared hostile corpus against every identity endpoint, anonymous, as a shop's admin and as a service; refused
 * requests leave every table, the outbox included, as they were.
 */
@QuarkusTest
class IdentityHostileInputTest extends HostileInputTests {

    private static final List<String> TABLES = List.of("tenants", "users", "email_verification_tokens",
            "password_reset_tokens", "refresh_tokens", "api_keys", "audit_events", "outbox");

    @Inject
    DataSource dataSource;

    private Sql sql;
    private String admin;

    @BeforeEach
    void shopAdmin() {
        sql = new Sql(dataSource);
        admin = Shops.adminToken(CapturedEmails.accepting(), Shops.create());
    }

    @Override
    protected List<String> tokens() {
        return List.of(admin, TestTokens.service("order-service"));
    }

    /** The client-credentials endpoint answers RFC 6749's error JSON, which OAuth clients parse (docs/errors.md). */
    @Override
    protected boolean errorBodyIsExempt(Operation operation) {
        return super.errorBodyIsExempt(operation) || operation.path().equals("/api/v1/auth/token");
    }

    @Override
    protected Map<String, Long> storedRows() {
        Map<String, Long> rows = new LinkedHashMap<>();
        try {
            for (String table : TABLES) {
                rows.put(table, sql.count("SELECT count(*) FROM " + table));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** Deferred sign-ups and resends of earlier tests add rows when the relay runs them: let it finish first. */
    @Override
    protected void settle() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sql.count(
                "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending') AND attempts = 0") == 0);
    }
}
