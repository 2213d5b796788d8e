package dev.commercesuite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The rules themselves: each broken rule in a damaged copy of the dev overlay is reported, naming the object. */
class OverlayRulesTest {

    @Test
    void reportsEachBrokenRuleOfADeployment() {
        Manifests manifests = Overlay.DEV.render();
        Node order = manifests.find("Deployment", "order-service").orElseThrow();
        Map<String, Object> pod = at(order, "spec", "template", "spec");
        Map<String, Object> container = at(listAt(pod, "containers").getFirst());
        at(container, "readinessProbe", "httpGet").put("path", "/q/health");
        at(container, "securityContext").put("readOnlyRootFilesystem", false);
        at(container, "securityContext").put("capabilities", Map.of("drop", List.of("NET_RAW")));
        at(container, "resources").remove("limits");
        at(pod, "securityContext").put("runAsUser", 1001);
        pod.put("terminationGracePeriodSeconds", 30);
        container.put("image", "commerce-suite/order-service:native");
        listAt(pod, "topologySpreadConstraints").removeIf(constraint ->
                "topology.kubernetes.io/zone".equals(at(constraint).get("topologyKey")));

        List<String> problems = OverlayRules.problems(manifests, Overlay.DEV);

        assertReports(problems,
                "Deployment/order-service container order-service: readinessProbe must GET /q/health/ready, has /q/health",
                "Deployment/order-service container order-service: readOnlyRootFilesystem must be true",
                "Deployment/order-service container order-service: capabilities must drop ALL",
                "Deployment/order-service container order-service: needs both a request and a limit for cpu",
                "Deployment/order-service: runAsUser must be 185, the user of its Dockerfile.jvm, not 1001",
                "Deployment/order-service container order-service: terminationGracePeriodSeconds 30 is shorter than "
                        + "preStop 5 s + shutdown delay 5 s + shutdown timeout 30 s = 40 s",
                "Deployment/order-service container order-service: the dev overlay runs the jvm images",
                "Deployment/order-service: needs a topologySpreadConstraint over topology.kubernetes.io/zone");
        assertTrue(problems.stream().allMatch(problem -> problem.startsWith("Deployment/order-service")), problems::toString);
    }

    @Test
    void aLongerShutdownTimeoutNeedsALongerGracePeriod() {
        Manifests manifests = Overlay.DEV.render();
        at(configMap(manifests, "commerce-suite-common"), "data").put("QUARKUS_SHUTDOWN_TIMEOUT", "1M");

        List<String> problems = OverlayRules.problems(manifests, Overlay.DEV);

        assertReports(problems, "Deployment/gateway-service container gateway-service: terminationGracePeriodSeconds 45 "
                + "is shorter than preStop 5 s + shutdown delay 5 s + shutdown timeout 60 s = 70 s");
    }

    @Test
    void reportsMissingCompanionsUndocumentedSettingsAndSecretValues() {
        Manifests manifests = Overlay.DEV.render();
        List<Node> objects = new ArrayList<>(manifests.objects());
        objects.removeIf(object -> "PodDisruptionBudget".equals(object.get("kind").text())
                && "identity-service".equals(Manifests.name(object)));
        objects.removeIf(object -> "HorizontalPodAutoscaler".equals(object.get("kind").text())
                && "order-service".equals(Manifests.name(object)));
        objects.removeIf(object -> "Service".equals(object.get("kind").text())
                && "notification-service".equals(Manifests.name(object)));
        objects.add(new Node(new LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "Secret",
                "metadata", Map.of("name", "stripe"), "stringData", Map.of("secret-key", "sk_live_x")))));
        Manifests damaged = new Manifests(objects);
        Map<String, Object> data = at(configMap(damaged, "order-service-config"), "data");
        data.put("ORDER_UNDOCUMENTED_KNOB", "1");
        data.put("GATEWAY_CORS_ORIGINS", "https://shop.example.com");
        Map<String, Object> gateway = at(listAt(damaged.find("Deployment", "gateway-service").orElseThrow(),
                "spec", "template", "spec", "containers").getFirst());
        listAt(gateway, "envFrom").add(Map.of("secretRef", Map.of("name", "everything")));

        List<String> problems = OverlayRules.problems(damaged, Overlay.DEV);

        assertReports(problems,
                "Deployment/identity-service: no PodDisruptionBudget selects its pods",
                "Deployment/order-service: no HorizontalPodAutoscaler scales it",
                "Deployment/notification-service: no Service selects its pods on a port they serve",
                "Secret/stripe is in the manifests",
                "Deployment/order-service container order-service: ORDER_UNDOCUMENTED_KNOB (ConfigMap order-service-config",
                "Deployment/order-service container order-service: GATEWAY_CORS_ORIGINS (ConfigMap order-service-config",
                "Deployment/gateway-service container gateway-service: takes the whole Secret everything");
    }

    @Test
    void reportsAnIngressThatPublishesTooMuchOrDisagreesWithThePublicUrl() {
        Manifests manifests = Overlay.PROD.render();
        Map<String, Object> rule = at(listAt(manifests.find("Ingress", "gateway-service").orElseThrow(),
                "spec", "rules").getFirst());
        rule.put("host", "shop.example.org");
        listAt(rule, "http", "paths").add(Map.of("path", "/q/metrics", "pathType", "Prefix",
                "backend", Map.of("service", Map.of("name", "gateway-service", "port", Map.of("name", "http")))));

        List<String> problems = OverlayRules.problems(manifests, Overlay.PROD);

        assertReports(problems,
                "Ingress/gateway-service: host shop.example.org has no TLS certificate Secret",
                "Ingress/gateway-service: /q/metrics would publish the gateway's /q/* endpoints",
                "SUITE_PUBLIC_URL https://api.example.com is not https://shop.example.org");
    }

    @Test
    void readsTheConfigurationReferenceBySection() {
        ConfigurationReference reference = ConfigurationReference.of(Repository.read("README.md"));

        assertTrue(reference.documents("identity-service", "QUARKUS_SHUTDOWN_DELAY"), "every service");
        assertTrue(reference.documents("order-service", "QUARKUS_DATASOURCE_PASSWORD"), "a shared section");
        assertTrue(reference.documents("gateway-service", "GATEWAY_RATE_LIMIT_POLICIES_LOGIN_LIMIT"), "<NAME>_<KEY>");
        assertTrue(reference.documents("gateway-service", "GATEWAY_UPSTREAMS_ORDER_TIMEOUT"), "..._ORDER_TIMEOUT");
        assertTrue(reference.documents("gateway-service", "GATEWAY_AUTH_ISSUER"), "(or ...)");
        assertFalse(reference.documents("gateway-service", "QUARKUS_DATASOURCE_PASSWORD"), "another service's");
        assertFalse(reference.documents("order-service", "GATEWAY_UPSTREAMS_ORDER_TIMEOUT"), "the gateway's");
        assertFalse(reference.documents("gateway-service", "GATEWAY_UPSTREAMS"), "a prefix only");
    }

    @Test
    void readsQuarkusDurationsAndKubernetesQuantities() {
        assertEquals(5, OverlayRules.seconds("5S"));
        assertEquals(60, OverlayRules.seconds("1M"));
        assertEquals(30, OverlayRules.seconds("PT30S"));
        assertEquals(1, OverlayRules.seconds("500MS"));
        assertEquals(7, OverlayRules.seconds("7"));
        assertEquals(0, new BigDecimal("0.25").compareTo(OverlayRules.quantity("250m")));
        assertEquals(0, BigDecimal.valueOf(384L << 20).compareTo(OverlayRules.quantity("384Mi")));
        assertTrue(OverlayRules.quantity("1G").compareTo(OverlayRules.quantity("1Gi")) < 0);
    }

    private static void assertReports(List<String> problems, String... expected) {
        for (String problem : expected) {
            assertTrue(problems.stream().anyMatch(reported -> reported.contains(problem)),
                    "expected a problem containing \"" + problem + "\" in:\n" + String.join("\n", problems));
        }
    }

    private static Node configMap(Manifests manifests, String prefix) {
        return manifests.ofKind("ConfigMap").stream()
                .filter(configMap -> Manifests.name(configMap).startsWith(prefix + "-"))
                .findFirst()
                .orElseThrow();
    }

    /** The map at {@code path} below {@code root} (a node or a map), to damage in place. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Object root, String... path) {
        return (Map<String, Object>) walk(root, path);
    }

    @SuppressWarnings("unchecked")
    static List<Object> listAt(Object root, String... path) {
        return (List<Object>) walk(root, path);
    }

    @SuppressWarnings("unchecked")
    private static Object walk(Object root, String... path) {
        Object value = root instanceof Node node ? node.value() : root;
        for (String key : path) {
            value = ((Map<String, Object>) value).get(key);
        }
        return value;
    }
}
