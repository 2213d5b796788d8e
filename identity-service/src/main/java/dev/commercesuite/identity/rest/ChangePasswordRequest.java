package dev.commercesuite.identity.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A signed-in user's password change: the current password again, and the new one. */
public record ChangePasswordRequest(@NotNull @Size(max = 1024) String currentPassword,
        @NotNull @Size(max = 1024) String newPassword) {
}
