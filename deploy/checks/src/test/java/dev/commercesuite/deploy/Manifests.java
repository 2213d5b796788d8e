package dev.commercesuite.deploy;

import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The objects of one rendered overlay (or of a hand-made variant of it, in the tests of the rules themselves). */
record Manifests(List<Node> objects) {

    static Manifests parse(String yaml) {
        Iterable<Object> documents = new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml);
        return new Manifests(StreamSupport.stream(documents.spliterator(), false)
                .filter(document -> document != null)
                .map(Node::new)
                .toList());
    }

    List<Node> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(object.get("kind").text())).toList();
    }

    Optional<Node> find(String kind, String name) {
        return ofKind(kind).stream().filter(object -> name.equals(name(object))).findFirst();
    }

    static String name(Node object) {
        return object.get("metadata").get("name").text();
    }
}
