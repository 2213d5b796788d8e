package dev.commercesuite.identity.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The token from a password-reset email's link, and the new password. */
public record ResetPasswordRequest(@NotNull @Size(max = 256) String token, @NotNull @Size(max = 1024) String password) {
}
