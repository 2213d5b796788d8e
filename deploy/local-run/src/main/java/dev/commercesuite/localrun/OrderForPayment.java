package dev.commercesuite.localrun;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What './suite pay' needs to know about an order, read over JDBC on a machine without psql (the embedded
 * PostgreSQL brings none): {@code OrderForPayment JDBC_URL USER ORDER_ID}, the password, if any, in the environment
 * variable {@code PGPASSWORD}. Prints the order's tenant_id, order_number, total, currency, payment_intent_id and
 * status on one line separated by {@code |} (an empty field for a null), as {@code psql -tA -F '|'} would, and nothing
 * for an unknown order.
 */
public final class OrderForPayment {

    static final String QUERY = "SELECT tenant_id, order_number, total, currency, payment_intent_id, status"
            + " FROM orders WHERE id = ?";

    private OrderForPayment() {
    }

    public static void main(String[] args) throws SQLException {
        if (args.length != 3) {
            System.err.println("usage: OrderForPayment JDBC_URL USER ORDER_ID");
            System.exit(2);
        }
        UUID orderId = UUID.fromString(args[2]);
        try (Connection connection = DriverManager.getConnection(args[0], args[1], System.getenv("PGPASSWORD"))) {
            lookUp(connection, orderId).ifPresent(System.out::println);
        }
    }

    /** The order's line, or empty when there is no such order. */
    static Optional<String> lookUp(Connection connection, UUID orderId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setObject(1, orderId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                ResultSetMetaData columns = row.getMetaData();
                List<String> fields = new ArrayList<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    fields.add(Objects.toString(row.getString(i), ""));
                }
                return Optional.of(String.join("|", fields));
            }
        }
    }
}
