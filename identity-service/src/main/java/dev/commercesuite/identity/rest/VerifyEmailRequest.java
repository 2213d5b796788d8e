package dev.commercesuite.identity.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The token from a verification email's link. */
public record VerifyEmailRequest(@NotNull @Size(max = 256) String token) {
}
