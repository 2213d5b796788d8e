package dev.commercesuite.notification.domain.data;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Data of the {@code account-locked} email: sent when repeated failed logins pause an account. */
public record AccountLockedData(@NotBlank @Size(max = 200) String name, @Min(1) @Max(1440) int minutes) {
}
