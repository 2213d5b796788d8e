package dev.commercesuite.notification.domain;

import java.util.Optional;

/**
 * The name of the shop an email speaks for: it heads the email and is the display name of its From header. It goes
 * into a mail header, so it must be one line of visible text: at most {@value #MAX_LENGTH} characters, not blank, and
 * without any control character (CR, LF and TAB included, which the suite's general text rule allows elsewhere and
 * which here could start a header of its own) or line and paragraph separator (U+2028, U+2029).
 */
public final class ShopName {

    public static final int MAX_LENGTH = 200;

    private ShopName() {
    }

    /** Why {@code name} cannot be a shop name, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (name.isBlank()) {
            return Optional.of("must not be blank");
        }
        boolean refused = name.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
                || c == '\u2028' || c == '\u2029');
        return refused ? Optional.of("must be one line without control characters (no CR, LF or TAB)")
                : Optional.empty();
    }
}
