package dev.commercesuite.identity.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Ask for a password-reset link ({@code tenant} is the shop's slug). */
public record ForgotPasswordRequest(@NotBlank @Size(max = 40) String tenant, @NotBlank @Size(max = 254) String email) {
}
