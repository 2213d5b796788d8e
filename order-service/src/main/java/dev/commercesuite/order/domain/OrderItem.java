package dev.commercesuite.order.domain;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * One line of an order: the product as it was when ordered (sku, name and unit price copied from the catalog, so a
 * later price change does not rewrite the order) and the quantity.
 */
@Entity
@Table(name = "order_items")
public class OrderItem {

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    private Order order;

    @Column(name = "line_no")
    private int lineNo;

    @Column(name = "product_id")
    private UUID productId;

    private String sku;

    private String name;

    private int quantity;

    @Column(name = "unit_price")
    private long unitPrice;

    @Column(name = "line_total")
    private long lineTotal;

    protected OrderItem() {
    }

    OrderItem(UUID id, Order order, int lineNo, Product product, int quantity) {
        this.id = id;
        this.order = order;
        this.lineNo = lineNo;
        this.productId = product.id();
        this.sku = product.sku();
        this.name = product.name();
        this.quantity = quantity;
        this.unitPrice = product.price();
        this.lineTotal = Math.multiplyExact(product.price(), (long) quantity);
    }

    public int lineNo() {
        return lineNo;
    }

    public UUID productId() {
        return productId;
    }

    public String sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public int quantity() {
        return quantity;
    }

    public long unitPrice() {
        return unitPrice;
    }

    public long lineTotal() {
        return lineTotal;
    }
}
