package dev.commercesuite.notification.domain.data;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** One line of an order as the confirmation email shows it; the unit price is in minor units. */
public record OrderItem(@NotBlank @Size(max = 200) String name, @Min(1) @Max(100_000) int quantity,
        @PositiveOrZero long unitPrice) {

    public long lineTotal() {
        return Math.multiplyExact(unitPrice, (long) quantity);
    }
}
