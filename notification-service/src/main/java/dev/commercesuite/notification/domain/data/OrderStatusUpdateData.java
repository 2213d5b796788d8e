package dev.commercesuite.notification.domain.data;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Data of the {@code order-status-update} email; the tracking link is optional and must be https. */
public record OrderStatusUpdateData(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 64) String orderNumber,
        @NotBlank @Pattern(regexp = OrderRef.ID, message = OrderRef.ID_MESSAGE) String orderId,
        @NotBlank @Pattern(regexp = OrderRef.TOKEN, message = OrderRef.TOKEN_MESSAGE) String accessToken,
        @NotBlank @Size(max = 40) String status,
        @Size(max = 2000) @Pattern(regexp = "https://[^\\s\"'<>\\\\]+", message = "must be an https URL") String trackingUrl,
        @Size(max = 1000) String note) implements OrderRef {
}
