package dev.commercesuite.gateway.ratelimit;

import java.util.ArrayList;
import java.util.List;

/**
 * A path pattern of a rate-limit policy: literal segments, {@code *} for exactly one non-empty segment and a trailing
 * {@code /**} for any rest of the path (none included). Matched segment by segment without allocating or regexes,
 * since every routed request is matched against every policy until one applies. A trailing slash on the path is
 * ignored, so {@code /api/v1/orders/} is limited like {@code /api/v1/orders}.
 */
final class PathPattern {

    private static final String ONE = "*";
    private static final String REST = "**";

    private final String text;
    private final String[] segments;

    private PathPattern(String text, String[] segments) {
        this.text = text;
        this.segments = segments;
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException saying what is wrong with the pattern
     */
    static PathPattern parse(String text) {
        String value = text == null ? "" : text.strip();
        if (!value.startsWith("/")) {
            throw new IllegalArgumentException("path pattern '" + value + "' must start with '/'");
        }
        List<String> parts = new ArrayList<>();
        if (value.length() > 1) {
            for (String part : value.substring(1).split("/", -1)) {
                parts.add(part);
            }
        }
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (part.isEmpty()) {
                throw new IllegalArgumentException("path pattern '" + value + "' has an empty segment");
            }
            if (REST.equals(part) && i != parts.size() - 1) {
                throw new IllegalArgumentException("path pattern '" + value + "' may use '**' only as its last segment");
            }
            if (!ONE.equals(part) && !REST.equals(part) && part.indexOf('*') >= 0) {
                throw new IllegalArgumentException("path pattern '" + value + "' may use '*' only as a whole segment");
            }
        }
        return new PathPattern(value, parts.toArray(String[]::new));
    }

    /** Whether {@code path} (a normalised request path, no query string) matches. */
    boolean matches(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        int length = path.length();
        if (length > 1 && path.charAt(length - 1) == '/') {
            length--;
        }
        int last = segments.length - 1;
        if (length == 1) {
            return segments.length == 0 || segments.length == 1 && REST.equals(segments[0]);
        }
        int pos = 1;
        for (int i = 0; i <= last; i++) {
            String segment = segments[i];
            if (REST.equals(segment)) {
                return true;
            }
            int end = path.indexOf('/', pos);
            if (end < 0 || end > length) {
                end = length;
            }
            if (ONE.equals(segment)) {
                if (end == pos) {
                    return false;
                }
            } else if (end - pos != segment.length() || !path.regionMatches(pos, segment, 0, segment.length())) {
                return false;
            }
            if (end == length) {
                return i == last || i == last - 1 && REST.equals(segments[last]);
            }
            pos = end + 1;
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
