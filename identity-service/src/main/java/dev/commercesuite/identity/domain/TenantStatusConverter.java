package dev.commercesuite.identity.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** {@link TenantStatus} as the lower-case text the {@code tenants.status} column holds (and its CHECK allows). */
@Converter
public class TenantStatusConverter implements AttributeConverter<TenantStatus, String> {

    @Override
    public String convertToDatabaseColumn(TenantStatus status) {
        return status == null ? null : status.value();
    }

    @Override
    public TenantStatus convertToEntityAttribute(String value) {
        return value == null ? null : TenantStatus.of(value);
    }
}
