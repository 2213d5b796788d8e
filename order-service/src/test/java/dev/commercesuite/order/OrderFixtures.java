package dev.commercesuite.order;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.commercesuite.defaults.testing.TestTokens;

/**
 * Arranges order tests through the database (products: the catalog's API is another helper's) and identity's stub
 * (shops), and reads back what requests stored.
 */
final class OrderFixtures {

    static final String ORDERS = "/api/v1/orders";
    static final String KEY = "Idempotency-Key";
    /** Every table an order request may write, for "nothing stored" checks. */
    static final List<String> ORDER_TABLES = List.of("orders", "order_items", "order_events", "idempotency_records",
            "outbox", "order_numbers", "monthly_order_counts", "audit_events");

    private final DataSource dataSource;

    OrderFixtures(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A fresh slug, so each test's shop is new to the shop cache. */
    static String slug(String prefix) {
        return prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    }

    /** A customer's access token in {@code tenant}. */
    static String customer(UUID userId, String email, UUID tenant) {
        return TestTokens.user(userId.toString(), email, tenant.toString(), Set.of("customer"));
    }

    static String staff(UUID tenant) {
        return TestTokens.user(UUID.randomUUID().toString(), "staff@example.com", tenant.toString(), Set.of("staff"));
    }

    /** A product of {@code tenant}; {@code stock} null is unlimited. */
    UUID product(UUID tenant, long price, String currency, Integer stock, boolean active) throws SQLException {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        execute("INSERT INTO products (id, tenant_id, sku, name, description, price, currency, stock, active, version,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, 0, ?, ?)", id, tenant,
                "SKU-" + id.toString().substring(0, 8), "Product " + id.toString().substring(0, 8), price, currency,
                stock, active, now, now);
        return id;
    }

    UUID product(UUID tenant, long price, Integer stock) throws SQLException {
        return product(tenant, price, "EUR", stock, true);
    }

    Integer stock(UUID product) throws SQLException {
        String stock = single("SELECT stock FROM products WHERE id = ?", product);
        return stock == null ? null : Integer.valueOf(stock);
    }

    /** Rows of every order table, to compare before and after a refused request. */
    Map<String, Long> rows() throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : ORDER_TABLES) {
            rows.put(table, count("SELECT count(*) FROM " + table));
        }
        return rows;
    }

    long ordersOf(UUID tenant) throws SQLException {
        return count("SELECT count(*) FROM orders WHERE tenant_id = ?", tenant);
    }

    List<Long> orderNumbers(UUID tenant) throws SQLException {
        List<Long> numbers = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = prepare(connection,
                        "SELECT order_number FROM orders WHERE tenant_id = ? ORDER BY order_number", tenant);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                numbers.add(rows.getLong(1));
            }
        }
        return numbers;
    }

    String single(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = prepare(connection, sql, parameters);
                ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    long count(String sql, Object... parameters) throws SQLException {
        return Long.parseLong(single(sql, parameters));
    }

    int execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = prepare(connection, sql, parameters)) {
            return update.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object parameter = parameters[i] instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC)
                    : parameters[i];
            statement.setObject(i + 1, parameter);
        }
        return statement;
    }

    /** A guest's order body: {@code lines} alternate product id and quantity. */
    static String guestOrder(String slug, String email, String name, Object... lines) {
        return "{\"tenant\":\"" + slug + "\",\"email\":\"" + email + "\",\"name\":\"" + name + "\",\"items\":"
                + items(lines) + "}";
    }

    /** A signed-in customer's order body. */
    static String customerOrder(Object... lines) {
        return "{\"items\":" + items(lines) + "}";
    }

    static String items(Object... lines) {
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < lines.length; i += 2) {
            if (i > 0) {
                items.append(',');
            }
            items.append("{\"productId\":\"").append(lines[i]).append("\",\"quantity\":").append(lines[i + 1])
                    .append('}');
        }
        return items.append(']').toString();
    }

    /** POSTs an order with a fresh Idempotency-Key, anonymously or with {@code token}. */
    static Response place(String body, String token) {
        return place(body, token, UUID.randomUUID().toString());
    }

    static Response place(String body, String token, String key) {
        RequestSpecification request = given().contentType("application/json").body(body);
        if (key != null) {
            request = request.header(KEY, key);
        }
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.when().post(ORDERS);
    }
}
