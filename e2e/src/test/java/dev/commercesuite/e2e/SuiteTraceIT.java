package dev.commercesuite.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.commercesuite.defaults.testing.LocalPostgres;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * One trace from the client to the email, with every service real: a request with a chosen {@code traceparent} at
 * the gateway opens a shop; identity writes the admin's verification email to its outbox in that trace, the relay
 * delivers it to notification-service in that trace, and the email row notification-service sends from keeps it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedSuite.class)
class SuiteTraceIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String traceId = UUID.randomUUID().toString().replace("-", "");

    private RunningSuite suite;
    private Mailbox mail;

    @BeforeAll
    void startTheSuite(RunningSuite shared) {
        suite = shared;
        mail = new Mailbox(suite.smtp);
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = suite.gateway.port();
    }

    @Test
    void theClientsTraceReachesTheOutboxRowAndTheEmailItLeadsTo() throws SQLException {
        String adminEmail = "trace-" + run + "@example.com";
        given().contentType(ContentType.JSON).header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .body(Map.of("name", "Traced Shop", "slug", "traced-" + run, "adminEmail", adminEmail,
                        "adminPassword", "Quiet-Harbor-Lantern-42", "adminName", "Ada"))
                .post("/api/v1/tenants").then().statusCode(201);

        mail.await(adminEmail, "Confirm your email address");

        assertEquals(traceId, traceIdOf(single("identity_e2e",
                "SELECT trace_parent FROM outbox WHERE payload LIKE ?", "%" + adminEmail + "%")),
                "identity's outbox row is not in the client's trace:\n" + suite.logs());
        assertEquals(traceId, traceIdOf(single("notifications_e2e",
                "SELECT trace_parent FROM emails WHERE recipient = ?", adminEmail)),
                "the email row is not in the client's trace:\n" + suite.logs());
    }

    private static String traceIdOf(String traceParent) {
        assertNotNull(traceParent, "no trace context stored");
        return traceParent.split("-")[1];
    }

    private static String single(String database, String sql, String parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection(LocalPostgres.jdbcUrl(database), LocalPostgres.user(),
                null); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
