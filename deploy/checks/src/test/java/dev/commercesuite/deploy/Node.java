package dev.commercesuite.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step through parsed YAML that never throws: a missing key, a wrong type or an index past the end gives a missing
 * node, so a rule can read {@code deployment.get("spec").get("template")...} and report what is absent instead of
 * failing on the first null.
 */
record Node(Object value) {

    static final Node MISSING = new Node(null);

    Node get(String key) {
        return value instanceof Map<?, ?> map && map.get(key) != null ? new Node(map.get(key)) : MISSING;
    }

    Node get(int index) {
        return value instanceof List<?> list && index < list.size() ? new Node(list.get(index)) : MISSING;
    }

    boolean exists() {
        return value != null;
    }

    List<Node> items() {
        List<Node> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> items.add(new Node(item)));
        }
        return items;
    }

    Map<String, Node> entries() {
        Map<String, Node> entries = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> entries.put(String.valueOf(key), new Node(item)));
        }
        return entries;
    }

    /** Labels and other string maps ({@code matchLabels}, {@code selector}) as plain strings. */
    Map<String, String> strings() {
        Map<String, String> strings = new LinkedHashMap<>();
        entries().forEach((key, item) -> strings.put(key, item.text()));
        return strings;
    }

    String text() {
        return value == null ? null : String.valueOf(value);
    }

    /** The value as an integer, or null when it is none (a named port, a missing field). */
    Integer integer() {
        return value instanceof Number number ? number.intValue() : null;
    }

    boolean isTrue() {
        return Boolean.TRUE.equals(value);
    }
}
