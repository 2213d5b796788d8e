package dev.commercesuite.order.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A product of one shop's catalog: its price in minor units of its currency and its stock ({@code null} = unlimited).
 * Stock is reserved by orders and returned when an order is cancelled, only through {@link #reserve} and
 * {@link #release}; it never goes below zero. The version is the {@code ETag} that guards concurrent edits.
 */
@Entity
@Table(name = "products")
public class Product {

    @Id
    private UUID id;

    @Column(name = "tenant_id")
    private UUID tenantId;

    private String sku;

    private String name;

    private String description;

    private long price;

    private String currency;

    private Integer stock;

    private boolean active;

    @Version
    private long version;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Product() {
    }

    /** A new product of shop {@code tenantId}; the values must be valid (see {@link ProductDetails#violations()}). */
    public static Product create(UUID id, UUID tenantId, String sku, String name, String description, long price,
            String currency, Integer stock, boolean active, Instant now) {
        requireValid(new ProductDetails(sku, name, description, price, currency, stock, active));
        Product product = new Product();
        product.id = id;
        product.tenantId = tenantId;
        product.sku = sku;
        product.name = name;
        product.description = description;
        product.price = price;
        product.currency = currency;
        product.stock = stock;
        product.active = active;
        product.createdAt = now;
        product.updatedAt = now;
        return product;
    }

    /** A new product of shop {@code tenantId} with valid {@code details} (see {@link ProductDetails#violations()}). */
    public static Product create(UUID id, UUID tenantId, ProductDetails details, Instant now) {
        requireValid(details); // before unboxing the price
        return create(id, tenantId, details.sku(), details.name(), details.description(), details.price(),
                details.currency(), details.stock(), details.active(), now);
    }

    /**
     * Makes the product what {@code details} say, field by field through the methods below; {@code updatedAt} moves
     * only when something changed, so an edit that changes nothing leaves the version (the ETag) as it was.
     */
    public void edit(ProductDetails details, Instant now) {
        requireValid(details);
        changeSku(details.sku(), now);
        rename(details.name(), now);
        describe(details.description(), now);
        reprice(details.price(), details.currency(), now);
        restock(details.stock(), now);
        if (details.active()) {
            activate(now);
        } else {
            deactivate(now);
        }
    }

    /** A new stock-keeping unit, unique in the shop (the catalog service checks; the table enforces it). */
    public void changeSku(String newSku, Instant now) {
        requireValid(details().withSku(newSku));
        if (!newSku.equals(sku)) {
            sku = newSku;
            updatedAt = now;
        }
    }

    public void rename(String newName, Instant now) {
        requireValid(details().withName(newName));
        if (!newName.equals(name)) {
            name = newName;
            updatedAt = now;
        }
    }

    /** A new description; null removes it. */
    public void describe(String newDescription, Instant now) {
        requireValid(details().withDescription(newDescription));
        if (!Objects.equals(newDescription, description)) {
            description = newDescription;
            updatedAt = now;
        }
    }

    /**
     * A new price in minor units of {@code newCurrency}. Orders already placed keep the price they copied; only later
     * orders pay the new one.
     */
    public void reprice(long newPrice, String newCurrency, Instant now) {
        requireValid(details().withPrice(newPrice).withCurrency(newCurrency));
        if (newPrice != price || !newCurrency.equals(currency)) {
            price = newPrice;
            currency = newCurrency;
            updatedAt = now;
        }
    }

    /**
     * Sets what is in stock ({@code null}: unlimited), e.g. after a delivery or a count. It replaces the number: an
     * order that reserved stock since the caller read the product changed the version, so a stale restock is refused
     * by the {@code If-Match} check rather than undoing the reservation.
     */
    public void restock(Integer newStock, Instant now) {
        requireValid(details().withStock(newStock));
        if (!Objects.equals(newStock, stock)) {
            stock = newStock;
            updatedAt = now;
        }
    }

    /** Offers the product for sale: customers see it and may order it. */
    public void activate(Instant now) {
        if (!active) {
            active = true;
            updatedAt = now;
        }
    }

    /** Withdraws the product from sale: only staff see it, and new orders cannot name it. */
    public void deactivate(Instant now) {
        if (active) {
            active = false;
            updatedAt = now;
        }
    }

    /** The product's details as they are now. */
    public ProductDetails details() {
        return ProductDetails.of(this);
    }

    private static void requireValid(ProductDetails details) {
        Map<String, String> violations = details.violations();
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("invalid product details: " + violations);
        }
    }

    /** Whether {@code quantity} more can be sold now. */
    public boolean hasStockFor(int quantity) {
        return stock == null || stock >= quantity;
    }

    /**
     * Takes {@code quantity} from the stock for an order; answers false, changing nothing, when there is not enough.
     * Call with the row locked (the order service does), so concurrent orders take turns.
     */
    public boolean reserve(int quantity, Instant now) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        if (!hasStockFor(quantity)) {
            return false;
        }
        if (stock != null) {
            stock -= quantity;
            updatedAt = now;
        }
        return true;
    }

    /** Puts back what a cancelled order had reserved. */
    public void release(int quantity, Instant now) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        if (stock != null) {
            stock = Math.addExact(stock, quantity);
            updatedAt = now;
        }
    }

    public UUID id() {
        return id;
    }

    public UUID tenantId() {
        return tenantId;
    }

    public String sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public long price() {
        return price;
    }

    public String currency() {
        return currency;
    }

    public Integer stock() {
        return stock;
    }

    public boolean active() {
        return active;
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
