package dev.commercesuite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both overlays render with kubectl's kustomize, hold the suite's objects and keep the operating rules. */
class KustomizeOverlaysTest {

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void rendersEveryObjectTheSuiteNeeds(Overlay overlay) {
        Manifests manifests = overlay.render();

        Map<String, Long> kinds = manifests.objects().stream()
                .collect(Collectors.groupingBy(object -> object.get("kind").text(), TreeMap::new, Collectors.counting()));
        assertEquals(4, kinds.get("Deployment"), "Deployments: " + kinds);
        assertEquals(4, kinds.get("Service"), "Services: " + kinds);
        assertEquals(4, kinds.get("PodDisruptionBudget"), "PodDisruptionBudgets: " + kinds);
        assertEquals(3, kinds.get("HorizontalPodAutoscaler"), "HorizontalPodAutoscalers: " + kinds);
        assertEquals(1, kinds.get("Ingress"), "Ingresses: " + kinds);
        assertEquals(1, kinds.get("Namespace"), "Namespaces: " + kinds);
        assertEquals(5, kinds.get("ConfigMap"), "ConfigMaps: " + kinds);
        assertTrue(kinds.get("NetworkPolicy") >= 5, "NetworkPolicies: " + kinds);
        String namespace = overlay == Overlay.PROD ? "commerce-suite" : "commerce-suite-dev";
        manifests.objects().stream()
                .filter(object -> !"Namespace".equals(object.get("kind").text()))
                .forEach(object -> assertEquals(namespace, object.get("metadata").get("namespace").text(),
                        object.get("kind").text() + "/" + Manifests.name(object)));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void keepsTheOperatingRules(Overlay overlay) {
        assertEquals(List.of(), OverlayRules.problems(overlay.render(), overlay));
    }

    @Test
    void theOverlaysDifferInImagesReplicasAndAddresses() {
        Map<String, String> devImages = images(Overlay.DEV.render());
        Map<String, String> prodImages = images(Overlay.PROD.render());

        assertEquals(Map.of(
                "gateway-service", "commerce-suite/gateway-service:jvm",
                "identity-service", "commerce-suite/identity-service:jvm",
                "order-service", "commerce-suite/order-service:jvm",
                "notification-service", "commerce-suite/notification-service:jvm"), devImages);
        assertEquals(Map.of(
                "gateway-service", "commerce-suite/gateway-service:native",
                "identity-service", "commerce-suite/identity-service:native",
                "order-service", "commerce-suite/order-service:native",
                "notification-service", "commerce-suite/notification-service:native"), prodImages);
    }

    @Test
    void theOptionalTelemetryEgressRendersOnTopOfProd() throws IOException {
        Path kustomization = Files.createDirectories(Repository.work().resolve("telemetry-overlay"));
        Path k8s = Repository.file("deploy/k8s");
        Files.writeString(kustomization.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                components:
                  - %s
                """.formatted(kustomization.relativize(k8s.resolve("overlays/prod")),
                kustomization.relativize(k8s.resolve("components/telemetry-egress"))));

        Manifests manifests = Manifests.parse(Files.readString(Overlay.render(kustomization, "prod-with-telemetry")));

        assertTrue(manifests.find("NetworkPolicy", "telemetry-egress").isPresent());
        NetworkEdges network = NetworkEdges.of(manifests);
        for (String service : List.of("gateway-service", "identity-service", "order-service", "notification-service")) {
            assertTrue(network.edges.contains(service + " -> internet:443/TCP"), service + ": " + network.edges);
            assertTrue(network.edges.contains(
                    service + " -> observability/app.kubernetes.io/name=opentelemetry-collector:4317/TCP"),
                    service + ": " + network.edges);
        }
    }

    private static Map<String, String> images(Manifests manifests) {
        return manifests.ofKind("Deployment").stream().collect(Collectors.toMap(Manifests::name,
                deployment -> deployment.get("spec").get("template").get("spec").get("containers").get(0)
                        .get("image").text(),
                (left, right) -> left, TreeMap::new));
    }
}
