package dev.commercesuite.identity.domain;

import java.util.Locale;

/** A shop's plan; it decides limits elsewhere in the suite (the JWT carries it as {@code tier}). */
public enum Tier {
    STARTER,
    PRO,
    STUDIO;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tier stored or sent as {@code value}. */
    public static Tier of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
