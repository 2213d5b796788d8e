package dev.commercesuite.order;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import dev.commercesuite.defaults.testing.HostileInputTests;
import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The shared hostile corpus against order-service: every operation of its OpenAPI document, plus the paths the public
 * API reserves for it that are not there yet, anonymous and with a customer's, a staff member's and an admin's token
 * of a shop. Refused requests leave the order tables as they were.
 */
@QuarkusTest
class OrderHostileInputTest extends HostileInputTests {

    private static final UUID SHOP = UUID.randomUUID();

    @Inject
    DataSource dataSource;

    @Override
    protected List<String> extraOperations() {
        return List.of("POST /api/v1/orders", "GET /api/v1/orders/{id}", "PATCH /api/v1/orders/{id}/status",
                "POST /api/v1/products");
    }

    @Override
    protected List<String> tokens() {
        return List.of(
                TestTokens.user(UUID.randomUUID().toString(), "customer@example.com", SHOP.toString(),
                        Set.of("customer")),
                TestTokens.user(UUID.randomUUID().toString(), "staff@example.com", SHOP.toString(), Set.of("staff")),
                TestTokens.user(UUID.randomUUID().toString(), "admin@example.com", SHOP.toString(), Set.of("admin")));
    }

    @Override
    protected Map<String, Long> storedRows() {
        SqlRows sql = new SqlRows(dataSource);
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : List.of("orders", "order_events", "order_access_tokens", "audit_events")) {
            rows.put(table, sql.count("SELECT count(*) FROM " + table));
        }
        return rows;
    }
}
