package dev.commercesuite.defaults.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real browser for page tests: Debian's headless {@code chromium} driven through {@code chromedriver} with
 * Selenium, a fresh profile each time, no network chatter of its own (no sync, updates or background fetches, no
 * QUIC), the console collected so that a test can assert nothing was logged as an error and nothing was blocked by
 * the Content-Security-Policy, and screenshots kept under {@code target/screenshots/<name>.png} as test artefacts.
 *
 * <pre>{@code
 * try (Browser browser = Browser.start()) {
 *     browser.open(url);
 *     browser.driver().findElement(By.name("password")).sendKeys(...);
 *     browser.screenshot("reset-password");
 *     browser.assertCleanConsole();
 * }
 * }</pre>
 *
 * <p>The binaries are found through the system properties {@code browser.chromium} and {@code browser.chromedriver}
 * (or the environment variables {@code CHROMIUM_BINARY} and {@code CHROMEDRIVER}), else on the {@code PATH}
 * ({@code chromium}, {@code chromium-browser}, {@code google-chrome}; {@code chromedriver}). When they are missing,
 * {@link #start()} aborts the test, which JUnit reports as skipped with the reason, so a machine without a browser
 * still builds; with {@code -Dbrowser.required=true} (what {@code ./suite test} passes once it has installed the
 * browser) it fails instead, so a broken installation cannot pass unnoticed.
 */
public final class Browser implements AutoCloseable {

    /** Where {@link #screenshot(String)} writes, relative to the module being tested. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /**
     * Selenium looks for a DevTools (CDP) binding of the browser's version, which this fixture does not use (it
     * needs only WebDriver and the console log), and warns on every start when there is none; quiet it. Kept in a
     * field so the logger, and its level, are not garbage-collected.
     */
    private static final java.util.logging.Logger CDP_VERSION_FINDER = quiet(
            "org.openqa.selenium.devtools.CdpVersionFinder");

    private static final List<String> CHROMIUM_NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final Duration PAGE_LOAD_TIMEOUT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path profile;
    private final List<LogEntry> console = new ArrayList<>();

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a headless chromium with a 1280x900 window, or aborts (skips) the test when none is installed. */
    public static Browser start() {
        Optional<Path> chromium = binary("browser.chromium", "CHROMIUM_BINARY", CHROMIUM_NAMES);
        Optional<Path> chromedriver = binary("browser.chromedriver", "CHROMEDRIVER", List.of("chromedriver"));
        if (chromium.isEmpty() || chromedriver.isEmpty()) {
            String missing = (chromium.isEmpty() ? "chromium" : "") + (chromium.isEmpty() && chromedriver.isEmpty()
                    ? " and " : "") + (chromedriver.isEmpty() ? "chromedriver" : "");
            String reason = "no " + missing + " on this machine (looked at -Dbrowser.chromium, -Dbrowser.chromedriver,"
                    + " CHROMIUM_BINARY, CHROMEDRIVER and the PATH): the real-browser test is skipped. Install them"
                    + " with 'apt-get install chromium chromium-driver' ('./suite test' does so when run as root).";
            if (Boolean.getBoolean("browser.required")) {
                Assertions.fail(reason.replace("is skipped", "cannot run, and -Dbrowser.required=true"));
            }
            Assumptions.abort(reason);
        }
        Path profile = temporaryProfile();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--disable-default-apps", "--metrics-recording-only", "--password-store=basic",
                "--window-size=1280,900", "--lang=en-GB", "--user-data-dir=" + profile);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD_TIMEOUT);
            return new Browser(driver, profile);
        } catch (RuntimeException e) {
            deleteRecursively(profile);
            throw e;
        }
    }

    /** Whether a chromium and a chromedriver were found (for tests that want to say more than a skip does). */
    public static boolean isInstalled() {
        return binary("browser.chromium", "CHROMIUM_BINARY", CHROMIUM_NAMES).isPresent()
                && binary("browser.chromedriver", "CHROMEDRIVER", List.of("chromedriver")).isPresent();
    }

    /** The Selenium driver, for everything this fixture does not wrap (finding elements, typing, clicking). */
    public WebDriver driver() {
        return driver;
    }

    /** Loads {@code url} and waits until the page has loaded. */
    public Browser open(String url) {
        driver.get(url);
        return this;
    }

    /** The current page's visible text. */
    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Resizes the window (a phone-sized check: {@code resize(390, 844)}). */
    public Browser resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        return this;
    }

    /**
     * Saves what the window shows as {@code target/screenshots/<name>.png}, first growing the window to the page's
     * full height (up to 4000 pixels) so that nothing below the fold is cut off; answers the file.
     */
    public Path screenshot(String name) {
        if (!name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("a screenshot name is a plain file name: " + name);
        }
        Dimension before = driver.manage().window().getSize();
        Object height = ((JavascriptExecutor) driver).executeScript(
                "return Math.max(document.body ? document.body.scrollHeight : 0,"
                        + " document.documentElement.scrollHeight)");
        int chrome = before.getHeight() - viewportHeight();
        int wanted = Math.min(4000, ((Number) height).intValue() + Math.max(chrome, 0));
        if (wanted > before.getHeight()) {
            driver.manage().window().setSize(new Dimension(before.getWidth(), wanted));
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the screenshot " + name, e);
        } finally {
            if (wanted > before.getHeight()) {
                driver.manage().window().setSize(before);
            }
        }
    }

    private int viewportHeight() {
        return ((Number) ((JavascriptExecutor) driver).executeScript("return window.innerHeight")).intValue();
    }

    /** Everything the pages opened so far wrote to the console (errors, warnings, CSP violations), oldest first. */
    public List<LogEntry> console() {
        driver.manage().logs().get(LogType.BROWSER).forEach(console::add);
        return List.copyOf(console);
    }

    /** The console entries that are errors or report a Content-Security-Policy violation. */
    public List<LogEntry> consoleProblems() {
        return console().stream().filter(Browser::isProblem).toList();
    }

    /**
     * Fails, listing them, when any page opened so far logged an error (a failed load, a script error) or a
     * Content-Security-Policy violation (a blocked script, style, image, font or form target) to the console.
     */
    public void assertCleanConsole() {
        assertCleanConsoleExcept();
    }

    /**
     * As {@link #assertCleanConsole()}, except for the problems a test caused on purpose: an entry whose message
     * contains one of {@code expected} is allowed, and each of {@code expected} must have been logged (so the
     * allowance cannot outlive its reason). A page answered with an error status logs
     * {@code "<url> - Failed to load resource: the server responded with a status of 400 (Bad Request)"}; allow
     * such an answer with a fragment naming its path and status, never with a blanket {@code "Failed to load"}.
     */
    public void assertCleanConsoleExcept(String... expected) {
        List<LogEntry> problems = consoleProblems();
        List<String> missing = new ArrayList<>();
        for (String fragment : expected) {
            if (problems.stream().noneMatch(e -> e.getMessage().contains(fragment))) {
                missing.add(fragment);
            }
        }
        List<LogEntry> unexpected = problems.stream()
                .filter(e -> java.util.Arrays.stream(expected).noneMatch(e.getMessage()::contains)).toList();
        if (!unexpected.isEmpty()) {
            Assertions.fail("the browser console reported " + unexpected.size() + " problem(s):\n"
                    + String.join("\n", unexpected.stream().map(e -> e.getLevel() + " " + e.getMessage()).toList()));
        }
        if (!missing.isEmpty()) {
            Assertions.fail("the browser console did not report the expected " + missing + "; it reported "
                    + problems.stream().map(LogEntry::getMessage).toList());
        }
    }

    private static boolean isProblem(LogEntry entry) {
        String message = entry.getMessage().toLowerCase(Locale.ROOT);
        return entry.getLevel().intValue() >= Level.SEVERE.intValue()
                || message.contains("content security policy") || message.contains("content-security-policy");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteRecursively(profile);
        }
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    private static Optional<Path> binary(String property, String variable, List<String> names) {
        String configured = System.getProperty(property, System.getenv(variable));
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String searchPath = System.getenv("PATH");
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String name : names) {
            for (String directory : searchPath.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static Path temporaryProfile() {
        try {
            return Files.createTempDirectory("browser-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a browser profile directory", e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a profile left in the temporary directory is harmless
        }
    }
}
