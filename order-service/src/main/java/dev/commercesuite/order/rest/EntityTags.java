package dev.commercesuite.order.rest;

import java.util.HashSet;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.commercesuite.defaults.problem.InvalidRequestException;

/**
 * Entity tags from an entity's {@code @Version}: the strong tag {@code "7"} for version 7 (a version names exactly one
 * state, and its JSON is written the same way every time). {@code If-Match} is compared strongly, so a weak tag
 * ({@code W/"7"}) never matches (RFC 9110, section 13.1.1); {@code If-None-Match} weakly.
 */
final class EntityTags {

    static final String IF_MATCH = "If-Match";
    static final String IF_NONE_MATCH = "If-None-Match";
    private static final Pattern TAG = Pattern.compile("\\s*(W/)?\"(\\d{1,18})\"\\s*");

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

    /**
     * The versions an {@code If-Match} header names with strong tags, for an order's status change: stricter than
     * {@link #ifMatch}, it refuses {@code *} (which would skip the very check the header is there for) with
     * {@link PreconditionRequiredException}, and anything that is not a list of entity tags with a 400 naming the header.
     */
    static Set<Long> versions(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            throw new PreconditionRequiredException();
        }
        Set<Long> versions = new HashSet<>();
        for (String tag : ifMatch.split(",", -1)) {
            Matcher matcher = TAG.matcher(tag);
            if (!matcher.matches()) {
                throw new InvalidRequestException(IF_MATCH, "must be the order's ETag, such as \"3\"");
            }
            if (matcher.group(1) == null) {
                versions.add(Long.parseLong(matcher.group(2)));
            }
        }
        return versions;
    }

    /** A change of a versioned resource without {@code If-Match}: 428 {@code precondition-required}. */
    static final class PreconditionRequiredException extends RuntimeException {

        PreconditionRequiredException() {
            super("If-Match is required");
        }
    }
}
