package dev.commercesuite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The two overlays of deploy/k8s and the image flavour each must run: dev the JVM images (Dockerfile.jvm), prod the
 * native ones (Dockerfile.native).
 */
enum Overlay {
    DEV("dev", "jvm"),
    PROD("prod", "native");

    final String directory;
    /** The image flavour: the tag's suffix and the Dockerfile's extension. */
    final String flavour;

    Overlay(String directory, String flavour) {
        this.directory = directory;
        this.flavour = flavour;
    }

    Path path() {
        return Repository.file("deploy/k8s/overlays/" + directory);
    }

    /** Renders the overlay with {@code kubectl kustomize} into target/checks/&lt;overlay&gt;.yaml and parses it. */
    Manifests render() {
        return Manifests.parse(read(renderToFile()));
    }

    Path renderToFile() {
        return render(path(), directory);
    }

    static Path render(Path kustomization, String name) {
        Path kubectl = Tools.require("kubectl", Tools.KUBECTL_REQUIRED,
                "install kubectl 1.27 or newer, which has kustomize built in");
        Tools.Result result = Tools.run(Repository.root(), Duration.ofMinutes(1),
                List.of(kubectl.toString(), "kustomize", kustomization.toString()));
        assertEquals(0, result.exitCode(), "kubectl kustomize " + kustomization + " failed:\n" + result.both());
        try {
            return Files.writeString(Repository.work().resolve(name + ".yaml"), result.output());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

