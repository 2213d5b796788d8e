package dev.commercesuite.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is and where the checks may write (both set by the module's pom for Surefire). */
final class Repository {

    private Repository() {
    }

    static Path root() {
        return Path.of(System.getProperty("repository.root", "../..")).toAbsolutePath().normalize();
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static Path work() {
        Path work = Path.of(System.getProperty("checks.work", "target/checks")).toAbsolutePath().normalize();
        try {
            return Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
