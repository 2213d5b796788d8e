package dev.commercesuite.identity.domain;

import java.util.Locale;

/** Whether a shop's users may log in, refresh their sessions and sign up. */
public enum TenantStatus {
    ACTIVE,
    SUSPENDED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status stored or sent as {@code value}. */
    public static TenantStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
