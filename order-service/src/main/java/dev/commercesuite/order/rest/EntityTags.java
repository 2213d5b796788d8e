package dev.commercesuite.order.rest;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.commercesuite.defaults.problem.InvalidRequestException;

/**
 * An order's {@code ETag} is its version, quoted ({@code "3"}), and changes answer only to an {@code If-Match} that
 * names it. {@code If-Match} compares strongly (RFC 9110, 13.1.1): a weak tag ({@code W/"3"}) never matches, and
 * {@code *} is refused as not naming a version, since it would skip the check the header is there for.
 */
final class EntityTags {

    static final String IF_MATCH = "If-Match";
    private static final Pattern TAG = Pattern.compile("\\s*(W/)?\"(\\d{1,18})\"\\s*");

    private EntityTags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The versions an {@code If-Match} header names with strong tags; throws {@link PreconditionRequiredException}
     * when there is no header or it is {@code *}, and a 400 naming the header when it is not a list of entity tags.
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

    /** A change was asked for without naming, in {@code If-Match}, the version it was based on. */
    static final class PreconditionRequiredException extends RuntimeException {

        PreconditionRequiredException() {
            super("If-Match is required", null, false, false);
        }
    }
}
