package dev.commercesuite.identity.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A login at a shop ({@code tenant} is the shop's slug). */
public record LoginRequest(@NotBlank @Size(max = 40) String tenant, @NotBlank @Size(max = 254) String email,
        @NotNull @Size(max = 1024) String password) {
}
