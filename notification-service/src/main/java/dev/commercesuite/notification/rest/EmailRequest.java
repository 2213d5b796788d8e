package dev.commercesuite.notification.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;

import dev.commercesuite.defaults.validation.EmailAddresses;

/**
 * An email to send: the template, the recipient, an optional locale (default {@code en}), tenant and shop name (the
 * email's heading and its From display name; see {@code ShopName} for what it may hold), and the data the template
 * needs.
 */
public record EmailRequest(
        @NotBlank @Size(max = 64) String template,
        @NotBlank @Size(max = 254)
        @Pattern(regexp = EmailAddresses.PLAIN_ADDRESS, message = "must be a single plain email address") String to,
        @Size(max = 35) String locale,
        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be a tenant id") String tenantId,
        String shopName,
        @NotNull JsonNode data) {
}
