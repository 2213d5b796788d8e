package dev.commercesuite.order.rest;

import java.util.function.LongPredicate;

/**
 * Entity tags from an entity's {@code @Version}: the strong tag {@code "7"} for version 7 (a version names exactly one
 * state, and its JSON is written the same way every time). {@code If-Match} is compared strongly, so a weak tag
 * ({@code W/"7"}) never matches (RFC 9110, section 13.1.1); {@code If-None-Match} weakly.
 */
final class EntityTags {

    static final String IF_MATCH = "If-Match";
    static final String IF_NONE_MATCH = "If-None-Match";

    private EntityTags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The versions an {@code If-Match} header accepts: {@code *} any, else those it lists. A request that changes a
     * versioned resource must send one: without it the change could silently undo someone else's.
     */
    static LongPredicate ifMatch(String header) {
        if (header == null || header.isBlank()) {
            throw new PreconditionRequiredException();
        }
        return version -> matches(header, version, false);
    }

    /** Whether an {@code If-None-Match} header names this version (the client's copy is current). */
    static boolean noneMatchFails(String header, long version) {
        return header != null && matches(header, version, true);
    }

    private static boolean matches(String header, long version, boolean weakly) {
        if (header.strip().equals("*")) {
            return true;
        }
        String current = of(version);
        for (String tag : header.split(",")) {
            String candidate = tag.strip();
            if (weakly && candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            if (candidate.equals(current)) {
                return true;
            }
        }
        return false;
    }

    /** A change of a versioned resource without {@code If-Match}: 428 {@code precondition-required}. */
    static final class PreconditionRequiredException extends RuntimeException {

        PreconditionRequiredException() {
            super("If-Match is required");
        }
    }
}
