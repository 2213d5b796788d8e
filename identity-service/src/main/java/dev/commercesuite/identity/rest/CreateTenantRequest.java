package dev.commercesuite.identity.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.commercesuite.identity.domain.Tenant;

/** A new shop and its first admin. The password is checked by the password policy, not here. */
public record CreateTenantRequest(
        @NotBlank @Size(max = 100)
        @Pattern(regexp = "[^\\p{Cntrl}\\u2028\\u2029]*", message = "must be one line, without control characters")
        String name,
        @NotNull @Pattern(regexp = Tenant.SLUG_PATTERN, message = "must be 3 to 40 lowercase letters, digits or dashes") String slug,
        @NotBlank @Size(max = 254) String adminEmail,
        @NotNull @Size(max = 1024) String adminPassword,
        @NotBlank @Size(max = 200) String adminName,
        @Pattern(regexp = "starter|pro|studio", message = "must be starter, pro or studio") String tier) {
}
