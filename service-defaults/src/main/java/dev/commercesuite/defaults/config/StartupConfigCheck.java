package dev.commercesuite.defaults.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Refuses to start a production service whose configuration is incomplete or unsafe. Every problem is collected
 * first, so an operator fixes them all in one go; Quarkus prints a {@link ConfigurationException}'s message alone,
 * without a stack trace, and exits with a non-zero status.
 */
@ApplicationScoped
public class StartupConfigCheck {

    /** Before every other start-up observer, so nothing runs on a configuration that will be refused. */
    static final int PRIORITY = 0;
    /** Below this ordinal a value comes from a framework default, not from a properties file or the environment. */
    private static final int EXPLICIT_ORDINAL = 100;

    private final StartupChecksConfig checks;
    private final Config config;
    private final Instance<StartupConfigRule> rules;

    public StartupConfigCheck(StartupChecksConfig checks, Config config, Instance<StartupConfigRule> rules) {
        this.checks = checks;
        this.config = config;
        this.rules = rules;
    }

    void onStart(@Observes @Priority(PRIORITY) StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL || !checks.enabled()) {
            return;
        }
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new ConfigurationException(report(config.getOptionalValue("quarkus.application.name", String.class)
                    .orElse("service"), problems));
        }
    }

    /** Every problem in the current configuration, in a stable order. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String key : checks.required().orElse(List.of())) {
            if (value(key).isEmpty()) {
                problems.add(describe(key) + " is not set");
            }
        }
        for (String key : checks.keys().orElse(List.of())) {
            keyProblem(key).ifPresent(problems::add);
        }
        for (String key : checks.secrets().orElse(List.of())) {
            Optional<String> secret = value(key);
            if (secret.isEmpty()) {
                problems.add(describe(key) + " is not set");
            } else {
                SecretStrength.weakness(secret.get())
                        .ifPresent(weakness -> problems.add(describe(key) + " is a weak secret: it " + weakness));
            }
        }
        for (StartupConfigRule rule : rules) {
            rule.check(config, problems);
        }
        return problems;
    }

    static String report(String service, List<String> problems) {
        StringBuilder message = new StringBuilder()
                .append(service).append(" cannot start: ")
                .append(problems.size()).append(problems.size() == 1 ? " configuration problem" : " configuration problems")
                .append(" (see the configuration reference in README.md)");
        for (String problem : problems) {
            message.append(System.lineSeparator()).append("  - ").append(problem);
        }
        return message.toString();
    }

    private static final String LOCATION_SUFFIX = ".location";

    /** A key as an operator sets it: the property name and its environment variable. */
    public static String describe(String key) {
        return key + " (" + environmentName(key) + ")";
    }

    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /**
     * The value an operator or the service's own properties gave {@code key}; a framework default (such as the
     * mailer's {@code localhost}) does not count, since it would hide a missing production setting.
     */
    private Optional<String> value(String key) {
        ConfigValue value = config.getConfigValue(key);
        if (value == null || value.getValue() == null || value.getSourceOrdinal() < EXPLICIT_ORDINAL) {
            return Optional.empty();
        }
        return Optional.of(value.getValue().strip()).filter(v -> !v.isEmpty());
    }

    /**
     * What is wrong with the PEM key {@code key} names. A {@code *.location} key (SmallRye JWT's convention) may be
     * left unset when its sibling without the suffix ({@code smallrye.jwt.sign.key}, {@code mp.jwt.verify.publickey})
     * holds the PEM itself, as a secret store's environment variable would.
     */
    private Optional<String> keyProblem(String key) {
        Optional<String> location = value(key);
        if (location.isPresent()) {
            return fileProblem(location.get()).map(problem -> describe(key) + " " + problem);
        }
        if (!key.endsWith(LOCATION_SUFFIX)) {
            return Optional.of(describe(key) + " is not set: it must name a PEM key file");
        }
        String inlineKey = key.substring(0, key.length() - LOCATION_SUFFIX.length());
        Optional<String> inline = value(inlineKey);
        if (inline.isEmpty()) {
            return Optional.of(describe(key) + " is not set: it must name a PEM key file (or " + describe(inlineKey)
                    + " must hold the PEM key itself)");
        }
        return inline.get().contains("-----BEGIN ") ? Optional.empty()
                : Optional.of(describe(inlineKey) + " holds no PEM key");
    }

    private static Optional<String> fileProblem(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return Optional.empty();
        }
        String path = lower.startsWith("file:") ? location.substring("file:".length()) : location;
        try {
            Path file = Path.of(path);
            if (!Files.isReadable(file)) {
                return Optional.of("names " + path + ", which does not exist or cannot be read");
            }
            String content = Files.readString(file, StandardCharsets.US_ASCII);
            if (!content.contains("-----BEGIN ")) {
                return Optional.of("names " + path + ", which holds no PEM key");
            }
            return Optional.empty();
        } catch (InvalidPathException | IOException e) {
            return Optional.of("names " + path + ", which cannot be read as a PEM key file");
        }
    }
}
