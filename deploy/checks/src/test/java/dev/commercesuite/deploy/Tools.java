package dev.commercesuite.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * The programs the checks run (kubectl, node and npm, docker-compose). A missing one skips its checks with the reason,
 * unless the system property that requires it is true: {@code ./suite test} sets it for each program it finds or
 * installs, so there a missing or broken program fails the build instead of passing silently.
 */
final class Tools {

    static final String KUBECTL_REQUIRED = "k8s.required";
    static final String NODE_REQUIRED = "k8s.validator.required";
    static final String COMPOSE_REQUIRED = "compose.required";

    private Tools() {
    }

    /** The program's path, or the test is skipped (or failed, when {@code requiredBy} is true) saying how to get it. */
    static Path require(String program, String requiredBy, String howToInstall) {
        Optional<Path> found = find(program);
        if (found.isPresent()) {
            return found.get();
        }
        String reason = program + " is not on the PATH (" + howToInstall + ")";
        if (Boolean.getBoolean(requiredBy)) {
            fail(reason + ", and -D" + requiredBy + "=true requires it");
        }
        String skipped = reason + ": skipped; -D" + requiredBy + "=true makes this a failure";
        System.err.println("deploy-checks: " + skipped);
        Assumptions.abort(skipped);
        throw new AssertionError("unreachable");
    }

    static Optional<Path> find(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Runs a command in {@code directory}, with no input, and returns its exit code, output and error output. */
    static Result run(Path directory, Duration timeout, List<String> command) {
        try {
            Path output = Files.createTempFile(Repository.work(), "output-", ".txt");
            Path errors = Files.createTempFile(Repository.work(), "errors-", ".txt");
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(output.toFile())
                    .redirectError(errors.toFile())
                    .start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                fail(String.join(" ", command) + " did not finish within " + timeout);
            }
            Result result = new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8),
                    Files.readString(errors, StandardCharsets.UTF_8));
            Files.delete(output);
            Files.delete(errors);
            return result;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }

    record Result(int exitCode, String output, String errors) {

        /** Both outputs, for a failure message. */
        String both() {
            return output + errors;
        }
    }
}
