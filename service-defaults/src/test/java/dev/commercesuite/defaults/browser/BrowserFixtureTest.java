package dev.commercesuite.defaults.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;
import org.opentest4j.AssertionFailedError;

import com.sun.net.httpserver.HttpServer;

import dev.commercesuite.defaults.testing.Browser;

/**
 * The {@link Browser} fixture against pages served by a plain JDK HTTP server: a clean page passes, a script the
 * Content-Security-Policy blocks and a resource that fails to load are both reported, and screenshots are PNG files.
 */
class BrowserFixtureTest {

    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:;"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static HttpServer server;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        page("/clean", "<h1 style=\"color: #234\">Clean</h1><p>Nothing to report.</p>");
        page("/blocked-script", "<h1>Blocked</h1><script>document.title = 'ran';</script>");
        page("/missing-image", "<h1>Missing</h1><img src=\"/nothing-here.png\" alt=\"\">");
        page("/tall", "<h1>Tall</h1><div style=\"height: 2400px; background: linear-gradient(#fff, #39f)\"></div>"
                + "<p id=\"end\">The end</p>");
        server.createContext("/favicon.ico", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aCleanPageRendersLeavesAQuietConsoleAndAPngScreenshot() throws IOException {
        try (Browser browser = Browser.start()) {
            browser.open(url("/clean"));
            assertEquals("Clean", browser.driver().findElement(By.tagName("h1")).getText());
            assertTrue(browser.text().contains("Nothing to report."), browser.text());
            Path shot = browser.screenshot("browser-fixture-clean");
            assertEquals(Path.of("target", "screenshots", "browser-fixture-clean.png"), shot);
            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(Files.readAllBytes(shot), PNG_SIGNATURE.length));
            browser.assertCleanConsole();
        }
    }

    @Test
    void aScriptTheContentSecurityPolicyBlocksIsReported() {
        try (Browser browser = Browser.start()) {
            browser.open(url("/blocked-script"));
            assertEquals("blocked-script", browser.driver().getTitle(), "the inline script must not have run");
            List<LogEntry> problems = browser.consoleProblems();
            assertTrue(problems.stream().anyMatch(e -> e.getMessage().contains("Content Security Policy")),
                    problems.toString());
            AssertionFailedError failure = assertThrows(AssertionFailedError.class, browser::assertCleanConsole);
            assertTrue(failure.getMessage().contains("Content Security Policy"), failure.getMessage());
        }
    }

    @Test
    void aResourceThatFailsToLoadIsReported() {
        try (Browser browser = Browser.start()) {
            browser.open(url("/missing-image"));
            assertThrows(AssertionFailedError.class, browser::assertCleanConsole);
            // allowed when the test expects it, and only then
            browser.assertCleanConsoleExcept("/nothing-here.png - Failed to load resource");
            AssertionFailedError notLogged = assertThrows(AssertionFailedError.class,
                    () -> browser.assertCleanConsoleExcept("/nothing-here.png", "/never-requested.png"));
            assertTrue(notLogged.getMessage().contains("/never-requested.png"), notLogged.getMessage());
        }
    }

    @Test
    void anAllowedProblemDoesNotHideAnother() {
        try (Browser browser = Browser.start()) {
            browser.open(url("/missing-image")).open(url("/blocked-script"));
            AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                    () -> browser.assertCleanConsoleExcept("/nothing-here.png"));
            assertTrue(failure.getMessage().contains("Content Security Policy"), failure.getMessage());
        }
    }

    @Test
    void aScreenshotShowsTheWholePageNotOnlyTheWindow() throws IOException {
        try (Browser browser = Browser.start()) {
            browser.open(url("/tall"));
            Path shot = browser.screenshot("browser-fixture-tall");
            int height;
            try (InputStream in = Files.newInputStream(shot)) {
                height = javax.imageio.ImageIO.read(in).getHeight();
            }
            assertTrue(height > 2400, "the screenshot is " + height + " pixels high");
            browser.assertCleanConsole();
        }
    }

    private static void page(String path, String body) {
        byte[] html = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + path.substring(1)
                + "</title></head><body>" + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().add("Content-Security-Policy", CSP);
            exchange.sendResponseHeaders(200, html.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(html);
            }
        });
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }
}
