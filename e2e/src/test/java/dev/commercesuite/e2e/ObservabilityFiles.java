package dev.commercesuite.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * deploy/observability as the tests read it: the PrometheusRule's alerts and every dashboard's queries (panel targets
 * and template variables), each with where it comes from.
 */
final class ObservabilityFiles {

    static final Path DIRECTORY = Path.of("..", "deploy", "observability").toAbsolutePath().normalize();
    static final Path RULES = DIRECTORY.resolve("prometheus-rules.yaml");
    static final Path DASHBOARDS = DIRECTORY.resolve("dashboards");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };
    /** Grafana's {@code label_values(metric, label)}: only the first argument names a metric. */
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*\\w+\\s*\\)");

    /** A PromQL expression and where it is: {@code file: panel or alert}. */
    record Query(String file, String where, String expression) {

        @Override
        public String toString() {
            return file + ": " + where;
        }
    }

    /** An alerting rule as written. */
    record Alert(String name, String expression, Map<String, String> labels, Map<String, String> annotations) {
    }

    private ObservabilityFiles() {
    }

    /** The PrometheusRule itself. */
    static JsonNode ruleResource() {
        return read(YAML, RULES);
    }

    /** Any other YAML file, e.g. the promtool unit tests or the kustomization. */
    static JsonNode yaml(Path file) {
        return read(YAML, file);
    }

    /** Writes the PrometheusRule's spec (the plain rule groups promtool reads) to {@code file}. */
    static void writeRuleGroups(Path file) {
        try {
            YAML.writeValue(file.toFile(), ruleResource().path("spec"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Alert> alerts() {
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode group : ruleResource().path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                alerts.add(new Alert(rule.path("alert").asText(null), rule.path("expr").asText(),
                        YAML.convertValue(rule.path("labels"), STRINGS), YAML.convertValue(rule.path("annotations"),
                                STRINGS)));
            }
        }
        return alerts;
    }

    /** Every dashboard file, by name. */
    static List<Path> dashboardFiles() {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode dashboard(Path file) {
        return read(JSON, file);
    }

    /** The queries of one dashboard: every panel target's {@code expr}, and every query variable's metric. */
    static List<Query> dashboardQueries(Path file) {
        JsonNode dashboard = dashboard(file);
        String name = file.getFileName().toString();
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(name, "panel \"" + panel.path("title").asText() + "\"",
                        target.path("expr").asText()));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                Matcher labelValues = LABEL_VALUES.matcher(variable.path("query").path("query").asText());
                if (labelValues.matches()) {
                    queries.add(new Query(name, "variable $" + variable.path("name").asText(), labelValues.group(1)));
                }
            }
        }
        return queries;
    }

    static List<Query> ruleQueries() {
        return alerts().stream().map(alert -> new Query(RULES.getFileName().toString(), "alert " + alert.name(),
                alert.expression())).toList();
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
