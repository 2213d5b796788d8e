package dev.commercesuite.order.rest;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Order ids in paths: a UUID in its canonical 36-character form, or no order at all (a 404, never a 400). */
public final class OrderIds {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private OrderIds() {
    }

    public static Optional<UUID> parse(String id) {
        if (id == null || !UUID_TEXT.matcher(id).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(id.toLowerCase(Locale.ROOT)));
    }
}
