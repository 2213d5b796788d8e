package dev.commercesuite.defaults.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Judges whether a configured secret is strong enough to protect a production deployment. */
public final class SecretStrength {

    /** 32 characters: 256 bits of a hex secret, more for base64. */
    public static final int MIN_LENGTH = 32;
    private static final int MIN_DISTINCT_CHARACTERS = 10;
    private static final Set<String> PLACEHOLDERS = Set.of("changeme", "change-me", "change_me", "secret", "password",
            "default", "example", "test", "dev", "replace");

    private SecretStrength() {
    }

    /** Why {@code value} is weak, or empty when it is acceptable. */
    public static Optional<String> weakness(String value) {
        if (value.length() < MIN_LENGTH) {
            return Optional.of("is shorter than " + MIN_LENGTH + " characters");
        }
        if (value.chars().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            return Optional.of("repeats too few distinct characters to be random");
        }
        String lower = value.toLowerCase(Locale.ROOT);
        for (String placeholder : PLACEHOLDERS) {
            if (lower.contains(placeholder)) {
                return Optional.of("contains the placeholder word '" + placeholder + "'");
            }
        }
        return Optional.empty();
    }
}
