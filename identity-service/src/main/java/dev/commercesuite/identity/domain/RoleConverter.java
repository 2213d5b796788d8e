package dev.commercesuite.identity.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** {@link Role} as the lower-case text the {@code users.role} column holds. */
@Converter
public class RoleConverter implements AttributeConverter<Role, String> {

    @Override
    public String convertToDatabaseColumn(Role role) {
        return role == null ? null : role.value();
    }

    @Override
    public Role convertToEntityAttribute(String value) {
        return value == null ? null : Role.of(value);
    }
}
