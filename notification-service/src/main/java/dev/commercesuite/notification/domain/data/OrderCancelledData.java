package dev.commercesuite.notification.domain.data;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Data of the {@code order-cancelled} email; the reason is optional. */
public record OrderCancelledData(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 64) String orderNumber,
        @NotBlank @Pattern(regexp = OrderRef.ID, message = OrderRef.ID_MESSAGE) String orderId,
        @NotBlank @Pattern(regexp = OrderRef.TOKEN, message = OrderRef.TOKEN_MESSAGE) String accessToken,
        @Size(max = 1000) String reason) implements OrderRef {
}
