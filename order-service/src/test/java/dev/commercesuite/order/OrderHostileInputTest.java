package dev.commercesuite.order;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import dev.commercesuite.defaults.testing.HostileInputTests;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The shared hostile corpus against order-service: every operation of its OpenAPI document, plus the paths the
 * public API reserves for it that are not served yet (the shared defaults answer them); anonymous and with a
 * customer's, a staff member's and an admin's token of a shop. Refused requests leave the tables as they were.
 */
@QuarkusTest
class OrderHostileInputTest extends HostileInputTests {

    private static final List<String> TABLES = List.of("products", "orders", "order_events", "order_access_tokens",
            "idempotency_records", "audit_events");

    @Inject
    DataSource dataSource;

    private CatalogFixtures.TestShop shop;

    @BeforeEach
    void aShop() {
        shop = CatalogFixtures.activeShop();
    }

    @Override
    protected List<String> tokens() {
        return List.of(shop.customer(), shop.staff(), shop.admin());
    }

    @Override
    protected Map<String, Long> storedRows() {
        Sql sql = new Sql(dataSource);
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(table, sql.count("SELECT count(*) FROM " + table));
        }
        return rows;
    }

    @Override
    protected List<String> extraOperations() {
        return List.of("POST /api/v1/orders", "GET /api/v1/orders/{id}", "PATCH /api/v1/orders/{id}/status");
    }
}
