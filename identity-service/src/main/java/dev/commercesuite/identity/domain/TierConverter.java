package dev.commercesuite.identity.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** {@link Tier} as the lower-case text the {@code tenants.tier} column holds. */
@Converter
public class TierConverter implements AttributeConverter<Tier, String> {

    @Override
    public String convertToDatabaseColumn(Tier tier) {
        return tier == null ? null : tier.value();
    }

    @Override
    public Tier convertToEntityAttribute(String value) {
        return value == null ? null : Tier.of(value);
    }
}
