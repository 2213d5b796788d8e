package dev.commercesuite.order;

import java.util.List;

import dev.commercesuite.defaults.testing.HostileInputTests;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The shared hostile corpus against order-service. It serves no API yet, so besides what its OpenAPI document will
 * declare, the paths the public API reserves for it are tried too: the shared defaults answer them.
 */
@QuarkusTest
class OrderHostileInputTest extends HostileInputTests {

    @Override
    protected List<String> extraOperations() {
        return List.of("POST /api/v1/orders", "GET /api/v1/orders/{id}", "PATCH /api/v1/orders/{id}/status",
                "POST /api/v1/products");
    }
}
