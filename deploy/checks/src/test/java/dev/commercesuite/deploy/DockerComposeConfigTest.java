package dev.commercesuite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml as docker-compose reads it ({@code docker-compose config -q}, which needs no Docker engine): its
 * schema, interpolation, build contexts and env files. The env files are the git-ignored secrets {@code ./suite keys}
 * writes, so the file is read in a project directory that mirrors the repository with empty stand-ins for them.
 */
class DockerComposeConfigTest {

    private Path compose;
    private Path project;

    @BeforeEach
    void mirrorTheRepository() throws IOException {
        compose = Tools.require("docker-compose", Tools.COMPOSE_REQUIRED,
                "on Debian: apt-get install --no-install-recommends docker-compose (no Docker engine needed)");
        project = Repository.work().resolve("compose-project");
        delete(project);
        Files.createDirectories(project);
        try (Stream<Path> entries = Files.list(Repository.root())) {
            for (Path entry : entries.filter(entry -> !entry.getFileName().toString().equals(".run")).toList()) {
                Files.createSymbolicLink(project.resolve(entry.getFileName()), entry);
            }
        }
        for (String envFile : envFiles()) {
            Path standIn = project.resolve(envFile).normalize();
            if (!Files.exists(standIn)) {
                Files.createDirectories(standIn.getParent());
                Files.writeString(standIn, "");
            }
        }
    }

    @Test
    void dockerComposeReadsTheFile() {
        Tools.Result result = config(Repository.file("docker-compose.yml"));

        assertEquals(0, result.exitCode(), result.both());
    }

    @Test
    void dockerComposeRefusesAMissingEnvFileAndAnInvalidService() throws IOException {
        Files.delete(project.resolve(".run/secrets/order-service.env"));

        Tools.Result missing = config(Repository.file("docker-compose.yml"));

        assertNotEquals(0, missing.exitCode(), missing.both());
        assertTrue(missing.both().contains("order-service.env"), missing.both());

        Path invalid = Files.writeString(project.resolve("invalid-compose.yml"), """
                services:
                  gateway-service:
                    image: commerce-suite/gateway-service:jvm
                    ports: "8080:8080"
                """);

        Tools.Result refused = config(invalid);

        assertNotEquals(0, refused.exitCode(), refused.both());
        assertTrue(refused.both().contains("services.gateway-service.ports contains an invalid type"), refused.both());
    }

    private Tools.Result config(Path file) {
        return Tools.run(project, Duration.ofMinutes(1), List.of(compose.toString(), "-f", file.toString(),
                "--project-directory", project.toString(), "config", "-q"));
    }

    /** Every env_file docker-compose.yml names, relative to the project directory. */
    private static List<String> envFiles() {
        Manifests file = Manifests.parse(Repository.read("docker-compose.yml"));
        List<String> envFiles = new ArrayList<>();
        file.objects().getFirst().get("services").entries().values().forEach(service -> {
            Node envFile = service.get("env_file");
            if (envFile.text() != null && envFile.items().isEmpty() && envFile.entries().isEmpty()) {
                envFiles.add(envFile.text());
            }
            envFile.items().forEach(item -> envFiles.add(item.text()));
        });
        return envFiles;
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
