package dev.commercesuite.order.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a shop says about one of its products: the values a product is created with or edited to, before they are
 * known to be valid. {@link #violations()} names every rule they break; a {@link Product} only takes valid details.
 * {@code description} and {@code stock} may be null (no description; unlimited stock), the others are required.
 */
public record ProductDetails(String sku, String name, String description, Long price, String currency,
        Integer stock, Boolean active) {

    /** The highest price, in minor units (ten billion of a two-decimal currency). */
    public static final long MAX_PRICE = 1_000_000_000_000L;
    /** The highest stock a product may have. */
    public static final int MAX_STOCK = 1_000_000;
    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 5000;

    public static final String REQUIRED = "is required";
    public static final String SKU_RULE = "must be 1 to 64 letters, digits, '.', '_' or '-'";
    public static final String NAME_RULE = "must be 1 to " + MAX_NAME + " characters, not only spaces";
    public static final String DESCRIPTION_RULE = "must be at most " + MAX_DESCRIPTION + " characters";
    public static final String PRICE_RULE = "must be a whole number of minor units from 0 to " + MAX_PRICE;
    public static final String CURRENCY_RULE = "must be an ISO 4217 currency code such as EUR";
    public static final String STOCK_RULE = "must be a whole number from 0 to " + MAX_STOCK
            + ", or null for unlimited";

    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The details of {@code product} as it is now. */
    public static ProductDetails of(Product product) {
        return new ProductDetails(product.sku(), product.name(), product.description(), product.price(),
                product.currency(), product.stock(), product.active());
    }

    /**
     * The rules these details break, as field name to message in the order of the fields; empty when they describe a
     * valid product.
     */
    public Map<String, String> violations() {
        Map<String, String> violations = new LinkedHashMap<>();
        if (sku == null) {
            violations.put("sku", REQUIRED);
        } else if (!SKU.matcher(sku).matches()) {
            violations.put("sku", SKU_RULE);
        }
        if (name == null) {
            violations.put("name", REQUIRED);
        } else if (name.isBlank() || characters(name) > MAX_NAME) {
            violations.put("name", NAME_RULE);
        }
        if (description != null && characters(description) > MAX_DESCRIPTION) {
            violations.put("description", DESCRIPTION_RULE);
        }
        if (price == null) {
            violations.put("price", REQUIRED);
        } else if (price < 0 || price > MAX_PRICE) {
            violations.put("price", PRICE_RULE);
        }
        if (currency == null) {
            violations.put("currency", REQUIRED);
        } else if (Money.currency(currency).isEmpty()) {
            violations.put("currency", CURRENCY_RULE);
        }
        if (stock != null && (stock < 0 || stock > MAX_STOCK)) {
            violations.put("stock", STOCK_RULE);
        }
        if (active == null) {
            violations.put("active", REQUIRED);
        }
        return violations;
    }

    public boolean isValid() {
        return violations().isEmpty();
    }

    public ProductDetails withSku(String value) {
        return new ProductDetails(value, name, description, price, currency, stock, active);
    }

    public ProductDetails withName(String value) {
        return new ProductDetails(sku, value, description, price, currency, stock, active);
    }

    public ProductDetails withDescription(String value) {
        return new ProductDetails(sku, name, value, price, currency, stock, active);
    }

    public ProductDetails withPrice(Long value) {
        return new ProductDetails(sku, name, description, value, currency, stock, active);
    }

    public ProductDetails withCurrency(String value) {
        return new ProductDetails(sku, name, description, price, value, stock, active);
    }

    public ProductDetails withStock(Integer value) {
        return new ProductDetails(sku, name, description, price, currency, value, active);
    }

    public ProductDetails withActive(Boolean value) {
        return new ProductDetails(sku, name, description, price, currency, stock, value);
    }

    /** Characters as PostgreSQL's {@code length()} counts them (code points), which the table's checks use. */
    private static int characters(String text) {
        return text.codePointCount(0, text.length());
    }
}
