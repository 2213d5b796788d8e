package dev.commercesuite.identity.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A customer's sign-up at a shop ({@code tenant} is the shop's slug). */
public record SignupRequest(
        @NotBlank @Size(max = 40) String tenant,
        @NotBlank @Size(max = 254) String email,
        @NotNull @Size(max = 1024) String password,
        @NotBlank @Size(max = 200) String name) {
}
