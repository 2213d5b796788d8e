package dev.commercesuite.defaults.security;

import java.util.Optional;
import java.util.UUID;

/**
 * Reads claim values of a verified JWT ({@code JsonWebToken.getClaim(name)}). SmallRye JWT hands string claims over
 * as JSON strings whose {@code toString()} keeps the quotes; these helpers give the plain value.
 */
public final class TokenClaims {

    private TokenClaims() {
    }

    /** The claim as plain text; empty when absent or blank. */
    public static Optional<String> text(Object claim) {
        if (claim == null) {
            return Optional.empty();
        }
        String value = claim.toString().replace("\"", "");
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** The claim as a UUID; empty when absent or not a UUID. */
    public static Optional<UUID> uuid(Object claim) {
        return text(claim).flatMap(value -> {
            try {
                return Optional.of(UUID.fromString(value));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }
}
