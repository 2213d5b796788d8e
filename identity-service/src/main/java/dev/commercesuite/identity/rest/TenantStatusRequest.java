package dev.commercesuite.identity.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A shop's new status, with an optional reason for the audit log. */
public record TenantStatusRequest(
        @NotNull @Pattern(regexp = "active|suspended", message = "must be active or suspended") String status,
        @Size(max = 500) String reason) {
}
