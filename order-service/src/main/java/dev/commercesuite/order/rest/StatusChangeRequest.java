package dev.commercesuite.order.rest;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code PATCH /api/v1/orders/{id}/status}. Fields it does not name are collected in {@code unknown}
 * and refused by name (a price or an actor sent here must not look accepted).
 */
@Schema(description = "A status change: the new status and, from the shop's staff, a note and a tracking link")
public record StatusChangeRequest(
        @Schema(required = true, examples = "shipped", enumeration = { "pending", "awaiting_payment", "paid",
                "shipped", "delivered", "cancelled", "refunded" }) String status,
        @Schema(description = "https URL of the shipment's tracking page, at most 2000 characters (staff only)",
                maxLength = 2000) String trackingUrl,
        @Schema(description = "Shown to the customer on the timeline and in the email, at most 1000 characters",
                maxLength = 1000) String note,
        @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknown) {
}
