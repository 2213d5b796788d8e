package dev.commercesuite.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The environment variables README.md's "Configuration reference" documents, by section ("Every service",
 * "identity-service", "identity-service, order-service, notification-service", ...). A row's first cell names one or
 * more variables in backticks; {@code <NAME>} stands for any name part, and {@code ..._X} for the cell's first
 * variable with its last parts replaced by {@code _X}.
 */
final class ConfigurationReference {

    private static final Pattern SECTION = Pattern.compile("^### (.+)$");
    private static final Pattern VARIABLE = Pattern.compile("`((?:\\.\\.\\.)?[A-Z_][A-Z0-9_<>]*)`");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^>]+>");

    private final Map<String, List<Pattern>> variablesBySection;

    private ConfigurationReference(Map<String, List<Pattern>> variablesBySection) {
        this.variablesBySection = variablesBySection;
    }

    static ConfigurationReference of(String readme) {
        int start = readme.indexOf("\n## Configuration reference");
        if (start < 0) {
            throw new AssertionError("README.md has no '## Configuration reference' section");
        }
        int end = readme.indexOf("\n## ", start + 1);
        String reference = readme.substring(start, end < 0 ? readme.length() : end);
        Map<String, List<Pattern>> sections = new LinkedHashMap<>();
        String section = "";
        for (String line : reference.split("\n")) {
            Matcher heading = SECTION.matcher(line);
            if (heading.matches()) {
                section = heading.group(1).trim();
            } else if (line.startsWith("|") && line.indexOf('|', 1) > 0) {
                sections.computeIfAbsent(section, key -> new ArrayList<>())
                        .addAll(variables(line.substring(1, line.indexOf('|', 1))));
            }
        }
        return new ConfigurationReference(sections);
    }

    /** Whether {@code variable} is documented in a section for every service or in one naming {@code service}. */
    boolean documents(String service, String variable) {
        return variablesBySection.entrySet().stream()
                .filter(section -> section.getKey().equals("Every service")
                        || List.of(section.getKey().split("[ ,]+")).contains(service))
                .flatMap(section -> section.getValue().stream())
                .anyMatch(pattern -> pattern.matcher(variable).matches());
    }

    private static List<Pattern> variables(String cell) {
        List<Pattern> patterns = new ArrayList<>();
        String first = null;
        Matcher matcher = VARIABLE.matcher(cell);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (name.startsWith("...")) {
                if (first == null) {
                    continue;
                }
                String tail = name.substring(3);
                int parts = tail.split("_", -1).length - 1;
                String[] firstParts = first.split("_");
                name = String.join("_", List.of(firstParts).subList(0, Math.max(0, firstParts.length - parts))) + tail;
            } else if (first == null) {
                first = name;
            }
            patterns.add(Pattern.compile(Stream.of(PLACEHOLDER.split(name, -1))
                    .map(Pattern::quote)
                    .collect(Collectors.joining("[A-Z0-9_]+"))));
        }
        return patterns;
    }
}
