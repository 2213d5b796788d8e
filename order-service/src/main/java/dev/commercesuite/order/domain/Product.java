package dev.commercesuite.order.domain;

import java.time.Instant;
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

    /** A new product of shop {@code tenantId}; the caller has checked the values (see the catalog service). */
    public static Product create(UUID id, UUID tenantId, String sku, String name, String description, long price,
            String currency, Integer stock, boolean active, Instant now) {
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
