package dev.commercesuite.e2e;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics a PromQL expression reads, and the labels its selectors match on. Not a parser: it removes what cannot
 * name a metric (strings, durations, grouping clauses, Grafana variables) and keeps identifiers that are not
 * functions or keywords, which is enough for the expressions of deploy/observability.
 */
final class PromQl {

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern SELECTOR = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][\\w:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_]\\w*)\\s*(?:=~|!~|!=|=)");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?\\w+}?");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][\\w:]*)(\\s*\\()?");

    private PromQl() {
    }

    /** Each metric {@code expression} reads, with the label names its selectors match on (empty when none). */
    static Map<String, Set<String>> metrics(String expression) {
        String text = VARIABLE.matcher(expression).replaceAll("0");
        Map<String, Set<String>> metrics = new LinkedHashMap<>();
        Matcher selector = SELECTOR.matcher(STRING.matcher(text).replaceAll("\"\""));
        while (selector.find()) {
            Set<String> labels = metrics.computeIfAbsent(selector.group(1), name -> new LinkedHashSet<>());
            Matcher matcher = MATCHER.matcher(selector.group(2));
            while (matcher.find()) {
                labels.add(matcher.group(1));
            }
        }
        text = STRING.matcher(text).replaceAll(" ");
        text = MATCHERS.matcher(text).replaceAll(" ");
        text = RANGE.matcher(text).replaceAll(" ");
        text = GROUPING.matcher(text).replaceAll(" ");
        Matcher identifier = IDENTIFIER.matcher(text);
        while (identifier.find()) {
            String name = identifier.group(1);
            boolean function = identifier.group(2) != null;
            if (!function && !KEYWORDS.contains(name)) {
                metrics.computeIfAbsent(name, key -> new LinkedHashSet<>());
            }
        }
        return metrics;
    }
}
