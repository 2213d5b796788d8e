package dev.commercesuite.notification.domain.data;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Data of the {@code order-confirmation} email: the item table and totals, in minor units of {@code currency}. The
 * status page link is built from {@code suite.public-url}, the order id and its access token.
 */
public record OrderConfirmationData(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 64) String orderNumber,
        @NotBlank @Pattern(regexp = OrderRef.ID, message = OrderRef.ID_MESSAGE) String orderId,
        @NotBlank @Pattern(regexp = OrderRef.TOKEN, message = OrderRef.TOKEN_MESSAGE) String accessToken,
        @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code") String currency,
        @NotEmpty @Size(max = 200) List<@Valid @NotNull OrderItem> items,
        @NotNull @PositiveOrZero Long subtotal,
        @PositiveOrZero Long shipping,
        @PositiveOrZero Long tax,
        @NotNull @PositiveOrZero Long total) implements OrderRef {
}
