package dev.commercesuite.order.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** {@link OrderStatus} as the lower-case text the {@code orders.status} and {@code order_events.status} columns hold. */
@Converter
public class OrderStatusConverter implements AttributeConverter<OrderStatus, String> {

    @Override
    public String convertToDatabaseColumn(OrderStatus status) {
        return status == null ? null : status.value();
    }

    @Override
    public OrderStatus convertToEntityAttribute(String value) {
        return value == null ? null : OrderStatus.of(value);
    }
}
