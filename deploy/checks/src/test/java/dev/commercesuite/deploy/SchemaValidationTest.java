package dev.commercesuite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every rendered object against the Kubernetes OpenAPI schema of its kind, with deploy/checks/validator (the npm
 * package kubernetes-models, pinned by its package-lock.json and installed with {@code npm ci} into
 * target/checks/validator). kubeconform would be the usual tool, but it is a Go binary these machines cannot fetch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaValidationTest {

    private static final List<String> FILES = List.of("package.json", "package-lock.json", "validate.mjs");

    private Path node;
    private Path validator;

    @BeforeAll
    void installTheValidator() throws IOException {
        node = Tools.require("node", Tools.NODE_REQUIRED, "install Node.js 20 or newer, with npm");
        Path npm = Tools.require("npm", Tools.NODE_REQUIRED, "install npm");
        validator = Files.createDirectories(Repository.work().resolve("validator"));
        for (String file : FILES) {
            Files.copy(Repository.file("deploy/checks/validator/" + file), validator.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Path installedLock = validator.resolve("node_modules/.installed-package-lock.json");
        if (Files.exists(installedLock)
                && Files.mismatch(installedLock, validator.resolve("package-lock.json")) == -1) {
            return;
        }
        Tools.Result install = Tools.run(validator, Duration.ofMinutes(5),
                List.of(npm.toString(), "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        assertEquals(0, install.exitCode(), "npm ci failed:\n" + install.both());
        Files.copy(validator.resolve("package-lock.json"), installedLock, StandardCopyOption.REPLACE_EXISTING);
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyRenderedObjectMatchesItsSchema(Overlay overlay) {
        Path rendered = overlay.renderToFile();

        Tools.Result result = validate(rendered);

        assertEquals(0, result.exitCode(), result.both());
        assertTrue(result.output().matches("(?s).*\\b\\d+ valid, 0 invalid\\s*"), result.both());
    }

    @Test
    void refusesABrokenDeploymentAndAnUnknownKind() throws IOException {
        Path broken = Files.writeString(Repository.work().resolve("broken.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: broken
                spec:
                  replicas: two
                  template:
                    spec:
                      containers:
                        - name: app
                          image: commerce-suite/order-service:jvm
                          ports:
                            - containerPort: http
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: gadget
                """);

        Tools.Result result = validate(broken);

        assertEquals(1, result.exitCode(), result.both());
        assertTrue(result.output().contains("Deployment/broken (apps/v1)"), result.output());
        assertTrue(result.output().contains("data/spec/replicas must be integer"), result.output());
        assertTrue(result.output().contains("data/spec must have required property selector"), result.output());
        assertTrue(result.output().contains("data/spec/template/spec/containers/0/ports/0/containerPort must be integer"),
                result.output());
        assertTrue(result.output().contains("Widget/gadget: no schema for apiVersion example.com/v1 and kind Widget"),
                result.output());
        assertTrue(result.output().contains("0 valid, 2 invalid"), result.output());
    }

    private Tools.Result validate(Path file) {
        return Tools.run(validator, Duration.ofMinutes(2),
                List.of(node.toString(), "validate.mjs", file.toString()));
    }
}
