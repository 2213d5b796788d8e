package dev.commercesuite.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * deploy/observability checked without a running suite: dashboards are valid JSON with unique panel ids and a
 * Prometheus datasource variable, and are all shipped by the kustomization; every alert has a severity, a summary, a
 * description and a runbook section that exists in docs/operations.md, and a promtool unit test on each side (it
 * fires, it stays quiet); promtool accepts the rule groups and those tests pass. promtool comes from Debian's
 * {@code prometheus} package ({@code ./suite test} extracts it when it can): without it that test is skipped, unless
 * {@code -Dpromtool.required=true}. {@code -Dpromtool.path} names the binary when it is not on the PATH.
 */
class PrometheusRulesTest {

    private static final Path OPERATIONS = Path.of("..", "docs", "operations.md").toAbsolutePath().normalize();
    private static final Path UNIT_TESTS = ObservabilityFiles.DIRECTORY.resolve("tests").resolve("alerts-test.yaml");

    @Test
    void dashboardsAreValidJsonWithUniquePanelIdsAndAPrometheusDatasourceVariable() {
        List<Path> files = ObservabilityFiles.dashboardFiles();
        assertEquals(Set.of("commerce-suite.json", "gateway-service.json", "identity-service.json",
                "order-service.json", "notification-service.json"), names(files));
        Set<String> uids = new HashSet<>();
        for (Path file : files) {
            JsonNode dashboard = ObservabilityFiles.dashboard(file);
            String name = file.getFileName().toString();
            assertTrue(uids.add(dashboard.path("uid").asText()), name + ": uid used twice");
            assertTrue(!dashboard.path("title").asText().isBlank(), name + ": title");
            List<Integer> ids = new ArrayList<>();
            for (JsonNode panel : dashboard.path("panels")) {
                ids.add(panel.path("id").asInt(-1));
                panel.path("panels").forEach(nested -> ids.add(nested.path("id").asInt(-1)));
                for (JsonNode target : panel.path("targets")) {
                    assertEquals("${datasource}", target.path("datasource").path("uid").asText(),
                            name + ": panel " + panel.path("title") + " reads the chosen datasource");
                    assertTrue(!target.path("expr").asText().isBlank(), name + ": panel " + panel.path("title"));
                }
            }
            assertTrue(ids.stream().allMatch(id -> id > 0), name + ": every panel has an id");
            assertEquals(ids.size(), new HashSet<>(ids).size(), name + ": panel ids are unique: " + ids);
            boolean datasourceVariable = false;
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                datasourceVariable |= "datasource".equals(variable.path("name").asText())
                        && "datasource".equals(variable.path("type").asText())
                        && "prometheus".equals(variable.path("query").asText());
            }
            assertTrue(datasourceVariable, name + ": a Prometheus datasource variable named datasource");
        }
        JsonNode kustomization = ObservabilityFiles.yaml(ObservabilityFiles.DIRECTORY.resolve("kustomization.yaml"));
        Set<String> shipped = new TreeSet<>();
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            generator.path("files").forEach(path -> shipped.add(Path.of(path.asText()).getFileName().toString()));
        }
        assertEquals(names(files), shipped, "the kustomization ships every dashboard");
    }

    @Test
    void everyAlertHasASeveritySummaryDescriptionAndARunbookSectionOfTheOperationsGuide() throws IOException {
        JsonNode rule = ObservabilityFiles.ruleResource();
        assertEquals("monitoring.coreos.com/v1", rule.path("apiVersion").asText());
        assertEquals("PrometheusRule", rule.path("kind").asText());
        Set<String> sections = sections(Files.readString(OPERATIONS, StandardCharsets.UTF_8));
        List<ObservabilityFiles.Alert> alerts = ObservabilityFiles.alerts();
        assertTrue(alerts.size() >= 9, "the alerts the issue asks for: " + alerts);
        Set<String> names = new HashSet<>();
        for (ObservabilityFiles.Alert alert : alerts) {
            assertTrue(alert.name() != null && names.add(alert.name()), "an alert name, used once: " + alert.name());
            assertTrue(Set.of("warning", "critical").contains(alert.labels().get("severity")),
                    alert.name() + ": severity warning or critical");
            for (String annotation : List.of("summary", "description")) {
                String text = alert.annotations().getOrDefault(annotation, "");
                assertTrue(!text.isBlank(), alert.name() + ": " + annotation);
            }
            String runbook = alert.annotations().getOrDefault("runbook_url", "");
            assertTrue(runbook.startsWith("docs/operations.md#"), alert.name() + ": runbook_url " + runbook);
            String section = runbook.substring(runbook.indexOf('#') + 1);
            assertTrue(sections.contains(section), alert.name() + ": docs/operations.md has no section #" + section
                    + " (it has " + sections + ")");
        }
    }

    @Test
    void everyAlertHasAUnitTestWhereItFiresAndOneWhereItStaysQuiet() {
        Set<String> fires = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (JsonNode test : ObservabilityFiles.yaml(UNIT_TESTS).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                (check.path("exp_alerts").isEmpty() ? quiet : fires).add(check.path("alertname").asText());
            }
        }
        Set<String> alerts = new TreeSet<>(ObservabilityFiles.alerts().stream().map(ObservabilityFiles.Alert::name)
                .toList());
        assertEquals(alerts, fires, "alerts proven to fire");
        assertEquals(alerts, quiet, "alerts proven to stay quiet");
    }

    @Test
    void promtoolAcceptsTheRuleGroupsAndTheirUnitTestsPass(@TempDir Path work) throws Exception {
        Path promtool = promtool().orElse(null);
        if (promtool == null) {
            String reason = "promtool is not installed (Debian: apt-get install prometheus, or ./suite test), so the"
                    + " rules are not loaded by promtool";
            if (Boolean.getBoolean("promtool.required")) {
                fail(reason + ", and -Dpromtool.required=true");
            }
            Assumptions.abort(reason);
        }
        ObservabilityFiles.writeRuleGroups(work.resolve("rules.yaml"));
        Files.copy(UNIT_TESTS, work.resolve("alerts-test.yaml"));
        run(work, promtool.toString(), "check", "rules", "rules.yaml");
        run(work, promtool.toString(), "test", "rules", "alerts-test.yaml");
    }

    @Test
    void queriesNameTheirMetricsNotTheirFunctionsLabelsOrDurations() {
        assertEquals(Map.of("http_server_requests_seconds_bucket", Set.of("status", "uri")),
                PromQl.metrics("histogram_quantile(0.95, sum by (job, le) (rate("
                        + "http_server_requests_seconds_bucket{status=~\"5..\", uri!=\"a{b}\"}[$__rate_interval])))"));
        assertEquals(Map.of("outbox_pending", Set.of(), "outbox_dead", Set.of("job")),
                PromQl.metrics("max by (job) (outbox_pending) > 100 and on (job) outbox_dead{job=\"$job\"} offset 5m"
                        + " > 1e3"));
        assertEquals(Map.of("a_total", Set.of(), "b_total", Set.of()),
                PromQl.metrics("sum(increase(a_total[1h])) / ignoring (instance) group_left sum(b_total)"));
    }

    private static Optional<Path> promtool() {
        String configured = System.getProperty("promtool.path", "");
        if (!configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isBlank()).map(directory -> Path.of(directory, "promtool"))
                .filter(Files::isExecutable).findFirst();
    }

    private static void run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
    }

    /** The anchors of a Markdown file's headings, as GitHub makes them. */
    private static Set<String> sections(String markdown) {
        Set<String> anchors = new HashSet<>();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("#")) {
                String heading = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
                anchors.add(heading.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    private static Set<String> names(List<Path> files) {
        return new TreeSet<>(files.stream().map(file -> file.getFileName().toString()).toList());
    }
}
