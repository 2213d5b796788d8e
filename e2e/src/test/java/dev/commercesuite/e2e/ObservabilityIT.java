package dev.commercesuite.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.commercesuite.defaults.testing.PackagedService;

/**
 * The dashboards and alerts read metrics the suite really exports: every metric named by a query of
 * deploy/observability (panel targets, template variables, alert expressions), and every label its selectors match
 * on, is in a running service's {@code /q/metrics}: a service's own dashboard against that service, the suite's
 * dashboard and the rules against any of the four. Names are compared as Prometheus exposes them, suffix included
 * ({@code _bucket}, {@code _count}, {@code _sum}, {@code _max}, {@code _total}), so a dashboard that asks for a
 * histogram a timer does not have fails. A little traffic first makes the meters that appear on first use exist
 * (HTTP routes, SmallRye Fault Tolerance's breakers). Runs on the suite {@link SuiteJourneyIT} uses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedSuite.class)
class ObservabilityIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Added by Prometheus to every scraped series, never exported by a service. */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][\\w:]*)(?:\\{(.*)})?\\s");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_]\\w*)=\"(?:[^\"\\\\]|\\\\.)*\"");

    private RunningSuite suite;
    private Map<String, PackagedService> services;

    @BeforeAll
    void suite(RunningSuite shared) {
        suite = shared;
        services = new LinkedHashMap<>();
        services.put("gateway-service", suite.gateway);
        services.put("identity-service", suite.identity);
        services.put("order-service", suite.order);
        services.put("notification-service", suite.notification);
    }

    @Test
    void everyMetricTheDashboardsAndAlertsQueryIsExportedByTheRunningSuite() {
        makeTheLazyMetricsAppear();
        List<ObservabilityFiles.Query> anyService = new ArrayList<>(ObservabilityFiles.ruleQueries());
        Map<String, List<ObservabilityFiles.Query>> byService = new TreeMap<>();
        for (Path file : ObservabilityFiles.dashboardFiles()) {
            String service = file.getFileName().toString().replace(".json", "");
            List<ObservabilityFiles.Query> queries = ObservabilityFiles.dashboardQueries(file);
            if (services.containsKey(service)) {
                byService.put(service, queries);
            } else {
                anyService.addAll(queries);
            }
        }
        assertTrue(byService.keySet().containsAll(services.keySet()), "a dashboard per service: " + byService.keySet());
        Set<String> queried = new TreeSet<>();
        anyService.forEach(query -> queried.addAll(PromQl.metrics(query.expression()).keySet()));
        byService.values().forEach(queries -> queries.forEach(query -> queried.addAll(
                PromQl.metrics(query.expression()).keySet())));
        assertTrue(queried.size() >= 30, "the queries name the metrics they read: " + queried);

        List<String> missing = new ArrayList<>();
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> {
            missing.clear();
            Map<String, Map<String, Set<String>>> exported = new LinkedHashMap<>();
            services.forEach((name, service) -> exported.put(name, scrape(service)));
            Map<String, Set<String>> all = new TreeMap<>();
            exported.values().forEach(metrics -> metrics.forEach((metric, labels) -> all
                    .computeIfAbsent(metric, key -> new TreeSet<>()).addAll(labels)));
            byService.forEach((service, queries) -> missing.addAll(unexported(queries, exported.get(service),
                    service)));
            missing.addAll(unexported(anyService, all, "any service"));
            return missing.isEmpty();
        });
        assertTrue(missing.isEmpty(), "queried but not exported:\n" + String.join("\n", missing));
    }

    /**
     * A request to each service (HTTP meters are per route, made on first use), and a new shop, whose verification
     * email goes identity -> outbox -> notification -> SMTP and whose catalog order-service looks up at identity: the
     * fault-tolerance meters of those calls exist from their first call.
     */
    private void makeTheLazyMetricsAppear() {
        for (PackagedService service : services.values()) {
            given().port(service.port()).get("/api/v1/observability-probe").then().statusCode(404);
        }
        String slug = "observed-" + UUID.randomUUID().toString().substring(0, 8);
        given().port(suite.identity.port()).contentType("application/json").body(Map.of("name", "Observed",
                "slug", slug, "adminEmail", "admin-" + slug + "@example.com", "adminPassword",
                "Quiet-Harbor-Lantern-42", "adminName", "Olga")).post("/api/v1/tenants").then().statusCode(201);
        given().port(suite.order.port()).queryParam("tenant", slug).get("/api/v1/products").then().statusCode(200);
    }

    /** The metric names a service exports (as sample names), each with the label names its samples carry. */
    private static Map<String, Set<String>> scrape(PackagedService service) {
        String text = given().port(service.port()).get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Set<String>> metrics = new TreeMap<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find()) {
                continue;
            }
            Set<String> labels = metrics.computeIfAbsent(sample.group(1), name -> new TreeSet<>());
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        }
        return metrics;
    }

    private static List<String> unexported(List<ObservabilityFiles.Query> queries, Map<String, Set<String>> exported,
            String by) {
        List<String> missing = new ArrayList<>();
        for (ObservabilityFiles.Query query : queries) {
            PromQl.metrics(query.expression()).forEach((metric, labels) -> {
                if (!exported.containsKey(metric)) {
                    missing.add(query + ": " + metric + " (not exported by " + by + ")");
                    return;
                }
                for (String label : labels) {
                    if (!TARGET_LABELS.contains(label) && !exported.get(metric).contains(label)) {
                        missing.add(query + ": " + metric + " has no label " + label + " (" + by + " exports "
                                + exported.get(metric) + ")");
                    }
                }
            });
        }
        return missing;
    }
}
