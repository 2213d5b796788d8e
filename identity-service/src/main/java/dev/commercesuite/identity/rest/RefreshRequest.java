package dev.commercesuite.identity.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A refresh token, for {@code refresh} and {@code logout}. */
public record RefreshRequest(@NotNull @Size(max = 256) String refreshToken) {
}
