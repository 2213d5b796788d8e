package dev.commercesuite.notification.domain.data;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Data of the {@code password-changed} email. */
public record NameData(@NotBlank @Size(max = 200) String name) {
}
