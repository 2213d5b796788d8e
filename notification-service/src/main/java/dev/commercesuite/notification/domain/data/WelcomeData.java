package dev.commercesuite.notification.domain.data;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Data of the {@code welcome} email: sent once an account is verified. */
public record WelcomeData(@NotBlank @Size(max = 200) String name) {
}
