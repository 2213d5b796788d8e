package dev.commercesuite.order.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.commercesuite.order.domain.Product;

/** A product as the API shows it; {@code price} in minor units of {@code currency}, {@code stock} null = unlimited. */
@Schema(name = "Product")
public record ProductView(UUID id, String sku, String name, String description, long price, String currency,
        @Schema(nullable = true, description = "How many can still be ordered; null for unlimited") Integer stock,
        boolean active, Instant createdAt, Instant updatedAt) {

    static ProductView of(Product product) {
        return new ProductView(product.id(), product.sku(), product.name(), product.description(), product.price(),
                product.currency(), product.stock(), product.active(), product.createdAt(), product.updatedAt());
    }
}
