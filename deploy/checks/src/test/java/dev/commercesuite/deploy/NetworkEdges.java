package dev.commercesuite.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The connections an overlay's NetworkPolicies allow, worked out the way a cluster enforces them, as lines such as
 * {@code order-service -> identity-service:8081/TCP}. A connection between two of the suite's pods is allowed when
 * the caller's egress and the callee's ingress both allow it (or a side is not isolated at all); a policy allowing
 * only one side is reported as a half-open edge, since it does nothing. Peers outside the namespace read
 * {@code <namespace>/<pod labels>}; address blocks read {@code internet} (0.0.0.0/0, whatever it excepts) or
 * {@code external}, with their CIDRs kept apart for their own checks. Only {@code In} label expressions are
 * understood; anything else is reported as unsupported.
 */
final class NetworkEdges {

    private static final String ANY_PORT = "*";

    /** The suite's pods: Deployment name to its pod labels. */
    private final Map<String, Map<String, String>> workloads = new LinkedHashMap<>();
    private final List<Node> policies;
    final Set<String> edges = new TreeSet<>();
    final Set<String> halfOpen = new TreeSet<>();
    final Set<String> unsupported = new TreeSet<>();
    /** Each external edge's address blocks, e.g. {@code identity-service -> external:5432/TCP} to [10.20.0.0/24]. */
    final Map<String, Set<String>> blocks = new LinkedHashMap<>();
    /** Each internet edge's exceptions. */
    final Map<String, Set<String>> exceptions = new LinkedHashMap<>();

    private NetworkEdges(Manifests manifests) {
        manifests.ofKind("Deployment").forEach(deployment -> workloads.put(Manifests.name(deployment),
                deployment.get("spec").get("template").get("metadata").get("labels").strings()));
        policies = manifests.ofKind("NetworkPolicy");
    }

    static NetworkEdges of(Manifests manifests) {
        NetworkEdges network = new NetworkEdges(manifests);
        network.work();
        return network;
    }

    /** The workloads every policy type isolates: those a policy with no rule of that type selects (default deny). */
    Set<String> deniedByDefault(String policyType) {
        return policies.stream()
                .filter(policy -> types(policy).contains(policyType))
                .filter(policy -> policy.get("spec").get(policyType.equals("Ingress") ? "ingress" : "egress")
                        .items().isEmpty())
                .flatMap(policy -> selected(policy).stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private void work() {
        Set<String> egress = new TreeSet<>();
        Set<String> ingress = new TreeSet<>();
        for (Node policy : policies) {
            Set<String> selected = selected(policy);
            for (Node rule : policy.get("spec").get("egress").items()) {
                for (String from : selected) {
                    for (String port : ports(rule)) {
                        for (String to : peers(rule.get("to"), from + " -> ", port)) {
                            (workloads.containsKey(to) ? egress : edges).add(from + " -> " + to + ":" + port);
                        }
                    }
                }
            }
            for (Node rule : policy.get("spec").get("ingress").items()) {
                for (String to : selected) {
                    for (String port : ports(rule)) {
                        for (String from : peers(rule.get("from"), null, port)) {
                            (workloads.containsKey(from) ? ingress : edges).add(from + " -> " + to + ":" + port);
                        }
                    }
                }
            }
        }
        Set<String> isolatedEgress = isolated("Egress");
        Set<String> isolatedIngress = isolated("Ingress");
        for (String workload : workloads.keySet()) {
            if (!isolatedEgress.contains(workload)) {
                edges.add(workload + " -> anywhere:" + ANY_PORT);
            }
            if (!isolatedIngress.contains(workload)) {
                edges.add("anywhere -> " + workload + ":" + ANY_PORT);
            }
        }
        for (String from : workloads.keySet()) {
            for (String to : workloads.keySet()) {
                pair(from + " -> " + to + ":", egress, !isolatedEgress.contains(from),
                        ingress, !isolatedIngress.contains(to));
            }
        }
    }

    /** One caller and callee: a port is open when both sides allow it, half-open when only one does. */
    private void pair(String prefix, Set<String> egress, boolean egressOpen, Set<String> ingress, boolean ingressOpen) {
        Set<String> out = ports(egress, prefix);
        Set<String> in = ports(ingress, prefix);
        Set<String> candidates = new TreeSet<>(out);
        candidates.addAll(in);
        for (String port : candidates) {
            boolean allowedOut = egressOpen || out.contains(port) || out.contains(ANY_PORT);
            boolean allowedIn = ingressOpen || in.contains(port) || in.contains(ANY_PORT);
            (allowedOut && allowedIn ? edges : halfOpen).add(prefix + port);
        }
    }

    private static Set<String> ports(Set<String> edges, String prefix) {
        return edges.stream().filter(edge -> edge.startsWith(prefix))
                .map(edge -> edge.substring(prefix.length()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> isolated(String policyType) {
        return policies.stream()
                .filter(policy -> types(policy).contains(policyType))
                .flatMap(policy -> selected(policy).stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> types(Node policy) {
        List<String> types = policy.get("spec").get("policyTypes").items().stream().map(Node::text).toList();
        return types.isEmpty() ? List.of("Ingress") : types;
    }

    private Set<String> selected(Node policy) {
        Node selector = policy.get("spec").get("podSelector");
        return workloads.entrySet().stream()
                .filter(workload -> matches(selector, workload.getValue(), Manifests.name(policy)))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A rule's ports as {@code 8081/TCP}; none listed means every port. */
    private static List<String> ports(Node rule) {
        List<String> ports = rule.get("ports").items().stream()
                .map(port -> port.get("port").text() + "/" + (port.get("protocol").exists()
                        ? port.get("protocol").text() : "TCP"))
                .toList();
        return ports.isEmpty() ? List.of(ANY_PORT) : ports;
    }

    /** The peers of one rule; {@code edgePrefix} is set for egress, where address blocks are recorded. */
    private List<String> peers(Node peers, String edgePrefix, String port) {
        List<String> found = new ArrayList<>();
        if (!peers.exists()) {
            found.add("anywhere");
            return found;
        }
        for (Node peer : peers.items()) {
            Node block = peer.get("ipBlock");
            if (block.exists()) {
                String cidr = block.get("cidr").text();
                String name = "0.0.0.0/0".equals(cidr) ? "internet" : "external";
                found.add(name);
                if (edgePrefix != null) {
                    String edge = edgePrefix + name + ":" + port;
                    blocks.computeIfAbsent(edge, key -> new TreeSet<>()).add(cidr);
                    exceptions.computeIfAbsent(edge, key -> new TreeSet<>())
                            .addAll(block.get("except").items().stream().map(Node::text).toList());
                }
            } else if (peer.get("namespaceSelector").exists()) {
                Map<String, String> namespace = peer.get("namespaceSelector").get("matchLabels").strings();
                String name = namespace.getOrDefault("kubernetes.io/metadata.name", "any-namespace" + namespace);
                Map<String, String> pods = peer.get("podSelector").get("matchLabels").strings();
                found.add(name + "/" + (pods.isEmpty() ? "*" : pods.entrySet().stream()
                        .map(label -> label.getKey() + "=" + label.getValue())
                        .collect(Collectors.joining(","))));
            } else {
                workloads.entrySet().stream()
                        .filter(workload -> matches(peer.get("podSelector"), workload.getValue(), "a peer"))
                        .forEach(workload -> found.add(workload.getKey()));
            }
        }
        return found;
    }

    private boolean matches(Node selector, Map<String, String> labels, String where) {
        if (!labels.entrySet().containsAll(selector.get("matchLabels").strings().entrySet())) {
            return false;
        }
        for (Node expression : selector.get("matchExpressions").items()) {
            if (!"In".equals(expression.get("operator").text())) {
                unsupported.add(where + ": operator " + expression.get("operator").text());
                return false;
            }
            String value = labels.get(expression.get("key").text());
            if (expression.get("values").items().stream().noneMatch(item -> item.text().equals(value))) {
                return false;
            }
        }
        return true;
    }
}
