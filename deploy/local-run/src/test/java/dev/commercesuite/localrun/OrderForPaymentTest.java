package dev.commercesuite.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order lookup of './suite pay' on a machine without psql, against the PostgreSQL the tests use
 * ({@code SUITE_PG_HOST}, {@code SUITE_PG_PORT}, {@code SUITE_PG_USER}; trust authentication), on a temporary
 * {@code orders} table with the columns order-service's migrations give it: nothing outlives the connection.
 */
class OrderForPaymentTest {

    private static final UUID PAID_FOR = UUID.fromString("0190a6c4-0000-7000-8000-00000000c0de");
    private static final UUID NOT_CHECKED_OUT = UUID.fromString("0190a6c4-0000-7000-8000-00000000c0df");

    private Connection connection;

    @BeforeEach
    void ordersTable() throws SQLException {
        connection = DriverManager.getConnection("jdbc:postgresql://" + env("SUITE_PG_HOST", "127.0.0.1") + ":"
                + env("SUITE_PG_PORT", "5432") + "/postgres", env("SUITE_PG_USER", "postgres"), null);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE orders (id uuid PRIMARY KEY, tenant_id uuid NOT NULL,"
                    + " order_number bigint NOT NULL, status text NOT NULL, currency text NOT NULL,"
                    + " total bigint NOT NULL, email text, payment_intent_id text)");
            statement.execute("INSERT INTO orders VALUES"
                    + " ('" + PAID_FOR + "', '0190a6c4-0000-7000-8000-00000000c001', 1001, 'awaiting_payment', 'EUR',"
                    + " 2500, 'grace@example.com', 'pi_local_0190a6c400007000800000000000c0de'),"
                    + " ('" + NOT_CHECKED_OUT + "', '0190a6c4-0000-7000-8000-00000000c001', 1002, 'pending', 'USD',"
                    + " 900, 'alan@example.com', NULL)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void checkedOutOrderGivesWhatThePaymentEventCarries() throws SQLException {
        assertEquals(Optional.of("0190a6c4-0000-7000-8000-00000000c001|1001|2500|EUR|"
                + "pi_local_0190a6c400007000800000000000c0de|awaiting_payment"),
                OrderForPayment.lookUp(connection, PAID_FOR));
    }

    @Test
    void orderWithoutPaymentIntentHasAnEmptyField() throws SQLException {
        assertEquals(Optional.of("0190a6c4-0000-7000-8000-00000000c001|1002|900|USD||pending"),
                OrderForPayment.lookUp(connection, NOT_CHECKED_OUT));
    }

    @Test
    void unknownOrderIsNothing() throws SQLException {
        assertEquals(Optional.empty(), OrderForPayment.lookUp(connection, UUID.randomUUID()));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
