package dev.commercesuite.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operating rules of a rendered overlay (docs/operations.md, "Kubernetes"), each broken one reported as a line
 * naming the object: every Deployment's probes, resources, security context, writable /tmp, shutdown timing, zone
 * spreading, image flavour, Service, PodDisruptionBudget and (for the scaled services) HorizontalPodAutoscaler; every
 * setting it is given documented in README.md's configuration reference; no Secret values anywhere; the Ingress.
 */
final class OverlayRules {

    static final List<String> AUTOSCALED = List.of("gateway-service", "identity-service", "order-service");
    private static final Map<String, String> PROBES = Map.of(
            "startupProbe", "/q/health/started",
            "livenessProbe", "/q/health/live",
            "readinessProbe", "/q/health/ready");
    private static final List<String> SPREAD_KEYS = List.of("topology.kubernetes.io/zone", "kubernetes.io/hostname");
    private static final Pattern DOCKERFILE_USER = Pattern.compile("(?m)^USER (\\d+)\\s*$");

    private final Manifests manifests;
    private final Overlay overlay;
    private final ConfigurationReference reference;
    private final List<String> problems = new ArrayList<>();

    private OverlayRules(Manifests manifests, Overlay overlay, ConfigurationReference reference) {
        this.manifests = manifests;
        this.overlay = overlay;
        this.reference = reference;
    }

    static List<String> problems(Manifests manifests, Overlay overlay) {
        OverlayRules rules = new OverlayRules(manifests, overlay,
                ConfigurationReference.of(Repository.read("README.md")));
        rules.check();
        return rules.problems;
    }

    private void check() {
        if (manifests.ofKind("Deployment").isEmpty()) {
            problems.add("no Deployment at all");
        }
        manifests.ofKind("Deployment").forEach(this::checkDeployment);
        for (String name : AUTOSCALED) {
            if (manifests.find("Deployment", name).isEmpty()) {
                problems.add("Deployment/" + name + " is missing");
            }
        }
        manifests.ofKind("Secret").forEach(secret -> problems.add("Secret/" + Manifests.name(secret)
                + " is in the manifests: Secrets are created in the cluster, never committed"));
        checkIngress();
    }

    private void checkDeployment(Node deployment) {
        String name = Manifests.name(deployment);
        String where = "Deployment/" + name;
        Node pod = deployment.get("spec").get("template").get("spec");
        Map<String, String> labels = deployment.get("spec").get("template").get("metadata").get("labels").strings();
        if (labels.isEmpty() || !contains(labels, deployment.get("spec").get("selector").get("matchLabels").strings())) {
            problems.add(where + ": its selector does not match its pod labels");
        }
        List<Node> containers = pod.get("containers").items();
        if (containers.isEmpty()) {
            problems.add(where + ": no container");
        }
        checkPodSecurity(where, name, pod);
        checkSpread(where, pod, labels);
        checkTmp(where, pod, containers);
        for (Node container : containers) {
            String at = where + " container " + container.get("name").text();
            checkProbes(at, container);
            checkResources(at, container);
            checkContainerSecurity(at, container);
            checkImage(at, name, container);
            checkShutdown(at, pod, container);
            checkSettings(at, name, container);
        }
        checkService(where, labels, containers);
        checkDisruptionBudget(where, labels, deployment.get("spec").get("replicas").integer());
        checkAutoscaler(where, name);
    }

    private void checkProbes(String at, Node container) {
        PROBES.forEach((probe, path) -> {
            Node httpGet = container.get(probe).get("httpGet");
            if (!path.equals(httpGet.get("path").text())) {
                problems.add(at + ": " + probe + " must GET " + path + ", has " + httpGet.get("path").text());
            } else if (!declaresPort(container, httpGet.get("port"))) {
                problems.add(at + ": " + probe + " uses port " + httpGet.get("port").text() + ", which it does not serve");
            }
        });
    }

    private void checkResources(String at, Node container) {
        Node resources = container.get("resources");
        for (String resource : List.of("cpu", "memory")) {
            String request = resources.get("requests").get(resource).text();
            String limit = resources.get("limits").get(resource).text();
            if (request == null || limit == null) {
                problems.add(at + ": needs both a request and a limit for " + resource);
            } else if (quantity(request).compareTo(quantity(limit)) > 0) {
                problems.add(at + ": its " + resource + " request " + request + " is above its limit " + limit);
            }
        }
    }

    private void checkPodSecurity(String where, String name, Node pod) {
        Node context = pod.get("securityContext");
        if (!context.get("runAsNonRoot").isTrue()) {
            problems.add(where + ": runAsNonRoot must be true");
        }
        Integer user = context.get("runAsUser").integer();
        int imageUser = dockerfileUser(name);
        if (user == null || user != imageUser) {
            problems.add(where + ": runAsUser must be " + imageUser + ", the user of its Dockerfile." + overlay.flavour
                    + ", not " + user);
        }
        if (!"RuntimeDefault".equals(context.get("seccompProfile").get("type").text())) {
            problems.add(where + ": the pod's seccompProfile must be RuntimeDefault");
        }
        if (pod.get("automountServiceAccountToken").value() != Boolean.FALSE) {
            problems.add(where + ": automountServiceAccountToken must be false (no service talks to the API server)");
        }
    }

    private void checkContainerSecurity(String at, Node container) {
        Node context = container.get("securityContext");
        if (context.get("allowPrivilegeEscalation").value() != Boolean.FALSE) {
            problems.add(at + ": allowPrivilegeEscalation must be false");
        }
        if (!context.get("readOnlyRootFilesystem").isTrue()) {
            problems.add(at + ": readOnlyRootFilesystem must be true");
        }
        if (context.get("capabilities").get("drop").items().stream().noneMatch(item -> "ALL".equals(item.text()))) {
            problems.add(at + ": capabilities must drop ALL");
        }
        if (!context.get("capabilities").get("add").items().isEmpty()) {
            problems.add(at + ": adds capabilities");
        }
        if (context.get("privileged").isTrue()) {
            problems.add(at + ": is privileged");
        }
    }

    private void checkTmp(String where, Node pod, List<Node> containers) {
        for (Node container : containers) {
            Optional<Node> tmp = container.get("volumeMounts").items().stream()
                    .filter(mount -> "/tmp".equals(mount.get("mountPath").text()))
                    .findFirst();
            boolean emptyDir = tmp.isPresent() && pod.get("volumes").items().stream()
                    .anyMatch(volume -> tmp.get().get("name").text().equals(volume.get("name").text())
                            && volume.get("emptyDir").exists());
            if (!emptyDir) {
                problems.add(where + " container " + container.get("name").text()
                        + ": needs an emptyDir on /tmp (the root filesystem is read-only)");
            }
        }
    }

    private void checkSpread(String where, Node pod, Map<String, String> labels) {
        for (String key : SPREAD_KEYS) {
            boolean spread = pod.get("topologySpreadConstraints").items().stream()
                    .anyMatch(constraint -> key.equals(constraint.get("topologyKey").text())
                            && contains(labels, constraint.get("labelSelector").get("matchLabels").strings()));
            if (!spread) {
                problems.add(where + ": needs a topologySpreadConstraint over " + key + " selecting its own pods");
            }
        }
    }

    private void checkImage(String at, String name, Node container) {
        String image = String.valueOf(container.get("image").text());
        int colon = image.lastIndexOf(':');
        String repository = colon < 0 ? image : image.substring(0, colon);
        String tag = colon < 0 ? "latest" : image.substring(colon + 1);
        if (!repository.endsWith("commerce-suite/" + name) || !tag.endsWith(overlay.flavour)) {
            problems.add(at + ": the " + overlay.directory + " overlay runs the " + overlay.flavour
                    + " images (.../commerce-suite/" + name + ":[version-]" + overlay.flavour + "), not " + image);
        }
    }

    /** preStop, then Quarkus' shutdown delay (readiness DOWN while serving), then its timeout: all within the grace. */
    private void checkShutdown(String at, Node pod, Node container) {
        Integer grace = pod.get("terminationGracePeriodSeconds").integer();
        Integer preStop = preStopSeconds(container.get("lifecycle").get("preStop"));
        if (preStop == null) {
            problems.add(at + ": needs a preStop sleep, so endpoints stop routing to the pod before it shuts down");
            return;
        }
        Map<String, String> environment = environment(container);
        Properties defaults = serviceDefaults();
        long delay = seconds(environment.getOrDefault("QUARKUS_SHUTDOWN_DELAY",
                defaults.getProperty("quarkus.shutdown.delay", "0")));
        long timeout = seconds(environment.getOrDefault("QUARKUS_SHUTDOWN_TIMEOUT",
                defaults.getProperty("quarkus.shutdown.timeout", "0")));
        long needed = preStop + delay + timeout;
        if (grace == null || grace < needed) {
            problems.add(at + ": terminationGracePeriodSeconds " + grace + " is shorter than preStop " + preStop
                    + " s + shutdown delay " + delay + " s + shutdown timeout " + timeout + " s = " + needed + " s");
        }
    }

    private void checkSettings(String at, String service, Node container) {
        for (Node source : container.get("envFrom").items()) {
            if (source.get("secretRef").exists()) {
                problems.add(at + ": takes the whole Secret " + source.get("secretRef").get("name").text()
                        + "; reference each key with secretKeyRef, so every variable is named and documented");
            }
            String configMap = source.get("configMapRef").get("name").text();
            if (configMap == null) {
                continue;
            }
            Optional<Node> found = manifests.find("ConfigMap", configMap);
            if (found.isEmpty()) {
                problems.add(at + ": ConfigMap " + configMap + " is not in the overlay");
                continue;
            }
            for (String key : found.get().get("data").entries().keySet()) {
                if (!reference.documents(service, key)) {
                    problems.add(at + ": " + key + " (ConfigMap " + configMap
                            + ") is not in README.md's configuration reference for " + service);
                }
            }
        }
        for (Node variable : container.get("env").items()) {
            String name = variable.get("name").text();
            if (!reference.documents(service, name)) {
                problems.add(at + ": " + name + " is not in README.md's configuration reference for " + service);
            }
            Node configMapKey = variable.get("valueFrom").get("configMapKeyRef");
            if (configMapKey.exists() && manifests.find("ConfigMap", configMapKey.get("name").text())
                    .filter(map -> map.get("data").get(configMapKey.get("key").text()).exists()).isEmpty()) {
                problems.add(at + ": " + name + " names a ConfigMap key the overlay does not have");
            }
        }
    }

    private void checkService(String where, Map<String, String> labels, List<Node> containers) {
        boolean served = manifests.ofKind("Service").stream().anyMatch(service -> {
            Map<String, String> selector = service.get("spec").get("selector").strings();
            return !selector.isEmpty() && contains(labels, selector) && service.get("spec").get("ports").items()
                    .stream().anyMatch(port -> containers.stream()
                            .anyMatch(container -> declaresPort(container, port.get("targetPort"))));
        });
        if (!served) {
            problems.add(where + ": no Service selects its pods on a port they serve");
        }
    }

    private void checkDisruptionBudget(String where, Map<String, String> labels, Integer replicas) {
        Optional<Node> budget = manifests.ofKind("PodDisruptionBudget").stream()
                .filter(pdb -> {
                    Map<String, String> selector = pdb.get("spec").get("selector").get("matchLabels").strings();
                    return !selector.isEmpty() && contains(labels, selector);
                })
                .findFirst();
        if (budget.isEmpty()) {
            problems.add(where + ": no PodDisruptionBudget selects its pods");
            return;
        }
        Node spec = budget.get().get("spec");
        Integer minAvailable = spec.get("minAvailable").integer();
        if (!spec.get("minAvailable").exists() && !spec.get("maxUnavailable").exists()) {
            problems.add(where + ": its PodDisruptionBudget sets neither minAvailable nor maxUnavailable");
        } else if (minAvailable != null && replicas != null && minAvailable >= replicas) {
            problems.add(where + ": its PodDisruptionBudget's minAvailable " + minAvailable + " with " + replicas
                    + " replicas never lets a node drain");
        }
    }

    private void checkAutoscaler(String where, String name) {
        if (!AUTOSCALED.contains(name)) {
            return;
        }
        Optional<Node> autoscaler = manifests.ofKind("HorizontalPodAutoscaler").stream()
                .filter(hpa -> name.equals(hpa.get("spec").get("scaleTargetRef").get("name").text())
                        && "Deployment".equals(hpa.get("spec").get("scaleTargetRef").get("kind").text()))
                .findFirst();
        if (autoscaler.isEmpty()) {
            problems.add(where + ": no HorizontalPodAutoscaler scales it");
            return;
        }
        Node spec = autoscaler.get().get("spec");
        Integer min = spec.get("minReplicas").integer();
        Integer max = spec.get("maxReplicas").integer();
        if (!"autoscaling/v2".equals(autoscaler.get().get("apiVersion").text())) {
            problems.add(where + ": its HorizontalPodAutoscaler must be autoscaling/v2");
        }
        if (min == null || max == null || min < 1 || max <= min) {
            problems.add(where + ": its HorizontalPodAutoscaler needs 1 <= minReplicas < maxReplicas, has "
                    + min + " and " + max);
        }
        if (spec.get("metrics").items().isEmpty()) {
            problems.add(where + ": its HorizontalPodAutoscaler has no metric");
        }
    }

    /** The gateway's Ingress: TLS for its host, only the gateway behind it, no /q/* path, and the public URL. */
    private void checkIngress() {
        Optional<Node> ingress = manifests.find("Ingress", "gateway-service");
        if (ingress.isEmpty()) {
            problems.add("Ingress/gateway-service is missing");
            return;
        }
        Node spec = ingress.get().get("spec");
        List<String> tlsHosts = spec.get("tls").items().stream()
                .filter(tls -> tls.get("secretName").exists())
                .flatMap(tls -> tls.get("hosts").items().stream().map(Node::text))
                .toList();
        List<Node> rules = spec.get("rules").items();
        if (rules.isEmpty()) {
            problems.add("Ingress/gateway-service has no rule");
        }
        for (Node rule : rules) {
            String host = rule.get("host").text();
            if (host == null || !tlsHosts.contains(host)) {
                problems.add("Ingress/gateway-service: host " + host + " has no TLS certificate Secret");
            }
            List<Node> paths = rule.get("http").get("paths").items();
            if (paths.isEmpty()) {
                problems.add("Ingress/gateway-service: host " + host + " routes no path");
            }
            for (Node path : paths) {
                String value = String.valueOf(path.get("path").text());
                if (!"gateway-service".equals(path.get("backend").get("service").get("name").text())) {
                    problems.add("Ingress/gateway-service: " + value + " goes elsewhere than the gateway");
                }
                if (value.equals("/") || value.startsWith("/q")) {
                    problems.add("Ingress/gateway-service: " + value + " would publish the gateway's /q/* endpoints");
                }
            }
            checkPublicUrl(host);
        }
    }

    /** Links in emails and pages start with SUITE_PUBLIC_URL: it must be the address the Ingress serves. */
    private void checkPublicUrl(String host) {
        for (Node configMap : manifests.ofKind("ConfigMap")) {
            String url = configMap.get("data").get("SUITE_PUBLIC_URL").text();
            if (url != null && !("https".equals(URI.create(url).getScheme()) && host.equals(URI.create(url).getHost()))) {
                problems.add("ConfigMap/" + Manifests.name(configMap) + ": SUITE_PUBLIC_URL " + url
                        + " is not https://" + host + ", the Ingress' host");
            }
        }
    }

    /** What the container's process sees: ConfigMaps named in envFrom, then literal env values, which win. */
    private Map<String, String> environment(Node container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Node source : container.get("envFrom").items()) {
            String configMap = source.get("configMapRef").get("name").text();
            if (configMap != null) {
                manifests.find("ConfigMap", configMap)
                        .ifPresent(found -> environment.putAll(found.get("data").strings()));
            }
        }
        for (Node variable : container.get("env").items()) {
            if (variable.get("value").exists()) {
                environment.put(variable.get("name").text(), variable.get("value").text());
            }
        }
        return environment;
    }

    private static Integer preStopSeconds(Node preStop) {
        if (preStop.get("sleep").exists()) {
            return preStop.get("sleep").get("seconds").integer();
        }
        List<Node> command = preStop.get("exec").get("command").items();
        if (command.size() == 2 && String.valueOf(command.get(0).text()).endsWith("sleep")
                && command.get(1).text().matches("\\d+")) {
            return Integer.valueOf(command.get(1).text());
        }
        return null;
    }

    private static boolean declaresPort(Node container, Node port) {
        return container.get("ports").items().stream().anyMatch(declared -> port.integer() != null
                ? port.integer().equals(declared.get("containerPort").integer())
                : port.text() != null && port.text().equals(declared.get("name").text()));
    }

    private static boolean contains(Map<String, String> labels, Map<String, String> selector) {
        return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    private int dockerfileUser(String service) {
        String dockerfile = service + "/src/main/docker/Dockerfile." + overlay.flavour;
        Matcher user = DOCKERFILE_USER.matcher(Repository.read(dockerfile));
        if (!user.find()) {
            throw new AssertionError(dockerfile + " names no numeric USER");
        }
        return Integer.parseInt(user.group(1));
    }

    private static Properties serviceDefaults() {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Repository.read(
                    "service-defaults/src/main/resources/META-INF/microprofile-config.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** A Quarkus duration in whole seconds, rounded up: {@code 30S}, {@code 500MS}, {@code 1M}, {@code PT5S}, {@code 5}. */
    static long seconds(String value) {
        String text = value.trim().toUpperCase();
        if (text.matches("\\d+")) {
            return Long.parseLong(text);
        }
        if (text.endsWith("MS")) {
            return (Long.parseLong(text.substring(0, text.length() - 2)) + 999) / 1000;
        }
        Duration duration = Duration.parse(text.startsWith("P") ? text : text.endsWith("D") ? "P" + text : "PT" + text);
        return duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
    }

    /** A Kubernetes quantity ({@code 250m}, {@code 2}, {@code 384Mi}, {@code 1G}) as a number, to compare two. */
    static BigDecimal quantity(String value) {
        Matcher matcher = Pattern.compile("([0-9.]+)([a-zA-Z]*)").matcher(value.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a quantity: " + value);
        }
        BigDecimal number = new BigDecimal(matcher.group(1));
        BigDecimal factor = switch (matcher.group(2)) {
            case "" -> BigDecimal.ONE;
            case "m" -> new BigDecimal("0.001");
            case "k" -> BigDecimal.valueOf(1_000L);
            case "M" -> BigDecimal.valueOf(1_000_000L);
            case "G" -> BigDecimal.valueOf(1_000_000_000L);
            case "Ki" -> BigDecimal.valueOf(1L << 10);
            case "Mi" -> BigDecimal.valueOf(1L << 20);
            case "Gi" -> BigDecimal.valueOf(1L << 30);
            default -> throw new IllegalArgumentException("unknown unit in " + value);
        };
        return number.multiply(factor);
    }
}
