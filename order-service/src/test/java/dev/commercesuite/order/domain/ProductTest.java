package dev.commercesuite.order.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** A product's rules: what details are valid, and that edits change only what they say (and when). */
class ProductTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-03-02T10:00:00Z");

    private static ProductDetails valid() {
        return new ProductDetails("SKU-1", "Cup", null, 1250L, "EUR", 10, true);
    }

    @Test
    void validDetailsBreakNoRule() {
        assertEquals(Map.of(), valid().violations());
        assertEquals(Map.of(), valid().withPrice(0L).withStock(0).violations());
        assertEquals(Map.of(), valid().withPrice(ProductDetails.MAX_PRICE).withStock(ProductDetails.MAX_STOCK)
                .withCurrency("JPY").withName("n".repeat(200)).withDescription("d".repeat(5000)).violations());
        // characters are counted as PostgreSQL counts them: 200 emoji are 200 characters, not 400
        assertEquals(Map.of(), valid().withName("\uD83D\uDE00".repeat(200)).violations());
    }

    @Test
    void everyRuleNamesItsField() {
        ProductDetails bad = new ProductDetails("no spaces", " ", "d".repeat(5001), -1L, "XXX", -1, null);
        assertEquals(List.of("sku", "name", "description", "price", "currency", "stock", "active"),
                List.copyOf(bad.violations().keySet()));
        ProductDetails missing = new ProductDetails(null, null, null, null, null, null, null);
        assertEquals(List.of("sku", "name", "price", "currency", "active"),
                List.copyOf(missing.violations().keySet()));
        assertTrue(missing.violations().values().stream().allMatch(ProductDetails.REQUIRED::equals));
        assertEquals(ProductDetails.PRICE_RULE, valid().withPrice(ProductDetails.MAX_PRICE + 1).violations()
                .get("price"));
        assertEquals(ProductDetails.STOCK_RULE, valid().withStock(ProductDetails.MAX_STOCK + 1).violations()
                .get("stock"));
        assertEquals(ProductDetails.SKU_RULE, valid().withSku("x".repeat(65)).violations().get("sku"));
        assertEquals(ProductDetails.CURRENCY_RULE, valid().withCurrency("eur").violations().get("currency"));
    }

    @Test
    void aProductIsOnlyMadeAndEditedWithValidDetails() {
        UUID tenant = UUID.randomUUID();
        assertThrows(IllegalArgumentException.class,
                () -> Product.create(UUID.randomUUID(), tenant, valid().withPrice(null), CREATED));
        Product product = Product.create(UUID.randomUUID(), tenant, valid(), CREATED);
        assertThrows(IllegalArgumentException.class, () -> product.reprice(-5, "EUR", LATER));
        assertThrows(IllegalArgumentException.class, () -> product.restock(-1, LATER));
        assertThrows(IllegalArgumentException.class, () -> product.rename("", LATER));
        assertThrows(IllegalArgumentException.class, () -> product.changeSku("a b", LATER));
        assertThrows(IllegalArgumentException.class, () -> product.edit(valid().withCurrency("ZZZ"), LATER));
        assertEquals(valid(), product.details());
        assertEquals(CREATED, product.updatedAt());
    }

    @Test
    void editsChangeWhatTheySayAndMoveUpdatedAtOnlyThen() {
        Product product = Product.create(UUID.randomUUID(), UUID.randomUUID(), valid(), CREATED);
        product.edit(valid(), LATER);
        assertEquals(CREATED, product.updatedAt());
        product.activate(LATER);
        product.reprice(1250, "EUR", LATER);
        assertEquals(CREATED, product.updatedAt());

        product.edit(valid().withStock(null).withDescription("Fine china").withActive(false), LATER);
        assertEquals(new ProductDetails("SKU-1", "Cup", "Fine china", 1250L, "EUR", null, false), product.details());
        assertEquals(LATER, product.updatedAt());
        assertTrue(product.hasStockFor(1_000));

        product.restock(2, LATER.plusSeconds(1));
        product.activate(LATER.plusSeconds(1));
        product.reprice(990, "USD", LATER.plusSeconds(1));
        product.rename("Mug", LATER.plusSeconds(1));
        product.changeSku("MUG-2", LATER.plusSeconds(1));
        assertEquals(new ProductDetails("MUG-2", "Mug", "Fine china", 990L, "USD", 2, true), product.details());
        assertEquals(LATER.plusSeconds(1), product.updatedAt());
    }
}
