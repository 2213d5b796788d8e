package dev.commercesuite.defaults.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Runs the packaged service as its own process, the way production runs it: the native binary when
 * {@code native.image.path} names one (under {@code -Pnative}), else the fast-jar on this JVM. Used by the
 * {@code *IT} tests that need what a {@code @QuarkusTest} cannot give: a clean environment, a real exit code,
 * a real SIGTERM.
 */
public final class PackagedService implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final Path output;
    private final int port;

    private PackagedService(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /**
     * Starts the service with exactly {@code environment} (plus PATH and a free {@code QUARKUS_HTTP_PORT}); nothing
     * leaks in from the environment of the build.
     */
    public static PackagedService start(Map<String, String> environment) {
        return start(command(), environment);
    }

    /**
     * Starts another module's packaged fast-jar ({@code <module>/target/quarkus-app/quarkus-run.jar}) on this JVM with
     * exactly {@code environment}, as {@link #start(Map)} does; for tests that run several services together.
     */
    public static PackagedService start(Path fastJar, Map<String, String> environment) {
        if (!Files.isRegularFile(fastJar)) {
            throw new IllegalStateException(fastJar.toAbsolutePath() + " is missing: package that module first");
        }
        return start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                fastJar.toString()), environment);
    }

    private static PackagedService start(List<String> command, Map<String, String> environment) {
        try {
            int port = freePort();
            Path output = Files.createTempFile("service-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().clear();
            builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            builder.environment().putAll(environment);
            builder.redirectErrorStream(true).redirectOutput(output.toFile());
            return new PackagedService(builder.start(), output, port);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the packaged service", e);
        }
    }

    private static List<String> command() {
        String nativeImage = System.getProperty("native.image.path");
        if (nativeImage != null && Files.isExecutable(Path.of(nativeImage))) {
            return List.of(nativeImage);
        }
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run the ITs through 'mvnw verify'");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Waits up to {@code timeout} for the process to exit and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("The service did not exit within " + timeout + "; output:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits up to {@code timeout} until {@code path} answers 200, failing with the output if the process died. */
    public void awaitOk(String path, Duration timeout) {
        try {
            Awaitility.await(path + " answering 200")
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .failFast("the service exited", () -> !process.isAlive())
                    .until(() -> status(path) == 200);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "; output:\n" + output(), e);
        }
    }

    /** The status {@code GET path} answers with, or -1 when nothing answers. */
    public int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Sends SIGTERM, as Kubernetes does when it stops a pod. */
    public void terminate() {
        process.destroy();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process printed so far, standard output and error together. */
    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
