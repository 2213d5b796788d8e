package dev.commercesuite.notification.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An email to send: the template, the recipient, an optional locale (default {@code en}) and tenant, and the data
 * the template needs.
 */
public record EmailRequest(
        @NotBlank @Size(max = 64) String template,
        @NotBlank @Size(max = 254)
        @Pattern(regexp = ADDRESS, message = "must be a single plain email address") String to,
        @Size(max = 35) String locale,
        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be a tenant id") String tenantId,
        @NotNull JsonNode data) {

    /**
     * A plain ASCII address, local@domain, with no display name, comment, quoting, white space or control character:
     * nothing that could break out of a mail header.
     */
    static final String ADDRESS = "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}"
            + "@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+";
}
