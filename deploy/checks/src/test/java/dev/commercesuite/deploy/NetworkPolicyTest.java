package dev.commercesuite.deploy;

import static dev.commercesuite.deploy.OverlayRulesTest.at;
import static dev.commercesuite.deploy.OverlayRulesTest.listAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The NetworkPolicies allow exactly the architecture's calls: a default deny both ways, then the edges below. The
 * external edges' ports are read from the overlay's own settings (the JDBC URLs, Redis' URL, the SMTP port), so a
 * policy and the address it guards cannot drift apart.
 */
class NetworkPolicyTest {

    private static final List<String> SERVICES =
            List.of("gateway-service", "identity-service", "order-service", "notification-service");
    private static final List<String> PRIVATE_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void allowsExactlyTheArchitecturesCalls(Overlay overlay) {
        Manifests manifests = overlay.render();

        NetworkEdges network = NetworkEdges.of(manifests);

        Set<String> expected = new TreeSet<>(List.of(
                "ingress-nginx/app.kubernetes.io/name=ingress-nginx -> gateway-service:8080/TCP",
                "gateway-service -> identity-service:8081/TCP",
                "gateway-service -> order-service:8082/TCP",
                "gateway-service -> notification-service:8083/TCP",
                "order-service -> identity-service:8081/TCP",
                "identity-service -> notification-service:8083/TCP",
                "order-service -> notification-service:8083/TCP",
                "identity-service -> external:" + jdbcPort(manifests, "identity-service") + "/TCP",
                "order-service -> external:" + jdbcPort(manifests, "order-service") + "/TCP",
                "notification-service -> external:" + jdbcPort(manifests, "notification-service") + "/TCP",
                "gateway-service -> external:" + redisPort(manifests) + "/TCP",
                "notification-service -> external:" + smtpPort(manifests) + "/TCP",
                "order-service -> internet:443/TCP"));
        for (String service : SERVICES) {
            expected.add(service + " -> kube-system/k8s-app=kube-dns:53/UDP");
            expected.add(service + " -> kube-system/k8s-app=kube-dns:53/TCP");
            expected.add("monitoring/app.kubernetes.io/name=prometheus -> " + service + ":http/TCP");
        }
        assertEquals(String.join("\n", expected), String.join("\n", network.edges));
        assertEquals(Set.of(), network.halfOpen, "rules that only one side allows");
        assertEquals(Set.of(), network.unsupported);
        assertEquals(new TreeSet<>(SERVICES), network.deniedByDefault("Ingress"));
        assertEquals(new TreeSet<>(SERVICES), network.deniedByDefault("Egress"));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void externalAddressesAreTheOverlaysOwnAndNarrow(Overlay overlay) {
        NetworkEdges network = NetworkEdges.of(overlay.render());

        network.blocks.forEach((edge, cidrs) -> {
            if (edge.contains(" -> external:")) {
                for (String cidr : cidrs) {
                    assertFalse(cidr.startsWith("192.0.2."), edge + " still has the base's placeholder " + cidr);
                    assertTrue(Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1)) >= 16,
                            edge + " allows a wide block " + cidr);
                }
            }
        });
        assertEquals(new TreeSet<>(PRIVATE_RANGES), network.exceptions.get("order-service -> internet:443/TCP")
                .stream().filter(PRIVATE_RANGES::contains).collect(Collectors.toCollection(TreeSet::new)),
                "Stripe's egress must never reach a private address");
    }

    @Test
    void withoutTheDefaultDenyNothingIsDeniedByDefault() {
        List<Node> objects = new ArrayList<>(Overlay.DEV.render().objects());
        objects.removeIf(object -> "default-deny-all".equals(Manifests.name(object)));

        NetworkEdges network = NetworkEdges.of(new Manifests(objects));

        assertEquals(Set.of(), network.deniedByDefault("Ingress"));
        assertEquals(Set.of(), network.deniedByDefault("Egress"));
    }

    @Test
    void aPodThatNoPolicyIsolatesIsOpenToAnything() {
        List<Node> objects = new ArrayList<>(Overlay.DEV.render().objects());
        objects.removeIf(object -> "NetworkPolicy".equals(object.get("kind").text()) && List.of(
                "default-deny-all", "notification-service", "allow-metrics-scrape").contains(Manifests.name(object)));

        NetworkEdges network = NetworkEdges.of(new Manifests(objects));

        assertTrue(network.edges.contains("anywhere -> notification-service:*"), network.edges::toString);
        assertFalse(network.edges.contains("anywhere -> identity-service:*"), network.edges::toString);
        assertEquals(Set.of(), network.halfOpen, "the callers' egress to it is all that counts now");
    }

    @Test
    void aCallOnlyTheCallerAllowsIsHalfOpenNotAllowed() {
        Manifests manifests = Overlay.DEV.render();
        Node identity = manifests.find("NetworkPolicy", "identity-service").orElseThrow();
        listAt(at(listAt(identity, "spec", "ingress").getFirst()), "from").removeIf(peer ->
                "order-service".equals(at(peer, "podSelector", "matchLabels").get("app.kubernetes.io/name")));

        NetworkEdges network = NetworkEdges.of(manifests);

        assertEquals(Set.of("order-service -> identity-service:8081/TCP"), network.halfOpen);
        assertFalse(network.edges.contains("order-service -> identity-service:8081/TCP"));
    }

    private static int jdbcPort(Manifests manifests, String service) {
        String url = setting(manifests, service, "QUARKUS_DATASOURCE_JDBC_URL");
        return port(URI.create(url.substring("jdbc:".length())), 5432);
    }

    private static int redisPort(Manifests manifests) {
        return port(URI.create(setting(manifests, "gateway-service", "QUARKUS_REDIS_HOSTS")), 6379);
    }

    private static int smtpPort(Manifests manifests) {
        String port = setting(manifests, "notification-service", "QUARKUS_MAILER_PORT");
        return port == null ? 25 : Integer.parseInt(port);
    }

    private static int port(URI uri, int otherwise) {
        return uri.getPort() < 0 ? otherwise : uri.getPort();
    }

    private static String setting(Manifests manifests, String service, String name) {
        return manifests.ofKind("ConfigMap").stream()
                .filter(configMap -> Manifests.name(configMap).startsWith(service + "-config-"))
                .map(configMap -> configMap.get("data").get(name).text())
                .findFirst()
                .orElseThrow(() -> new AssertionError(service + "'s ConfigMap has no " + name));
    }
}
