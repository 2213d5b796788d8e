package dev.commercesuite.identity.domain;

import java.util.Locale;

/** What a user is to their shop; access tokens carry it as their one group. */
public enum Role {
    ADMIN,
    STAFF,
    CUSTOMER;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
