package dev.commercesuite.order.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The fields a client may set on a product, as the OpenAPI document describes them. The body is read field by field
 * by {@link ProductFields} (a merge patch must tell a field set to null from one left out, which a record cannot).
 */
@Schema(name = "ProductRequest", description = "On create sku, name, price and currency are required; active "
        + "defaults to true, stock to null (unlimited). On PATCH (JSON merge patch, RFC 7396) any subset; null "
        + "removes the description or makes the stock unlimited. Other fields are refused.")
public record ProductRequest(
        @Schema(pattern = "[A-Za-z0-9._-]{1,64}", description = "Stock-keeping unit, unique in the shop") String sku,
        @Schema(minLength = 1, maxLength = 200) String name,
        @Schema(maxLength = 5000, nullable = true) String description,
        @Schema(minimum = "0", maximum = "1000000000000", description = "Price in minor units of the currency")
        Long price,
        @Schema(pattern = "[A-Z]{3}", description = "ISO 4217 currency code") String currency,
        @Schema(minimum = "0", maximum = "1000000", nullable = true, description = "null for unlimited")
        Integer stock,
        @Schema(description = "Whether customers see it and may order it") Boolean active) {
}
