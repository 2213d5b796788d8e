package dev.commercesuite.order;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import dev.commercesuite.defaults.testing.Browser;
import dev.commercesuite.defaults.testing.CapturedEmails;
import dev.commercesuite.defaults.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The status page in a real headless chromium: it renders the shop, the lines and the timeline, nothing is blocked by
 * its Content-Security-Policy or logged as an error, it reads on a phone, and screenshots are kept under
 * {@code target/screenshots} (order-status.png, order-status-phone.png, order-not-found.png).
 */
@QuarkusTest
class OrderStatusPageBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    PlacedOrders placed;

    @Test
    void thePageRendersItsTimelineAndLinesWithACleanConsole() throws Exception {
        CapturedEmails.accepting();
        UUID shop = UUID.randomUUID();
        String slug = "browser-" + shop.toString().substring(0, 8);
        IdentityStub.shop(shop, slug, "Analytical Engines", "pro", "active");
        Map<UUID, Integer> lines = new LinkedHashMap<>();
        lines.put(placed.product(shop, "Brass gear, hand-cut", 1250, "EUR", 20), 4);
        lines.put(placed.product(shop, "Punched-card set (100 cards)", 3999, "EUR", null), 1);
        lines.put(placed.product(shop, "Difference engine manual", 2500, "EUR", 3), 2);
        PlacedOrders.Placed order = placed.place(shop, null, "ada-" + slug + "@example.com", "Ada", lines);
        Paying.pay(order);
        String staff = TestTokens.user(UUID.randomUUID().toString(), "staff@example.com", shop.toString(),
                Set.of("staff"));
        given().auth().oauth2(staff).header("If-Match", Paying.etag(order)).contentType("application/json")
                .body("{\"status\":\"shipped\",\"trackingUrl\":\"https://track.example/1001\","
                        + "\"note\":\"Left the workshop today in two boxes.\"}")
                .patch("/api/v1/orders/{id}/status", order.id()).then().statusCode(200);

        try (Browser browser = Browser.start()) {
            browser.open(base + "orders/" + order.id() + "?token=" + order.token());

            WebElement heading = browser.driver().findElement(By.tagName("h1"));
            assertEquals("Analytical Engines\nOrder " + order.orderNumber(), heading.getText());
            assertEquals("Order " + order.orderNumber() + " · Analytical Engines", browser.driver().getTitle());
            assertEquals("en", browser.driver().findElement(By.tagName("html")).getDomAttribute("lang"));
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("table tbody tr"));
            assertEquals(3, rows.size());
            assertEquals("Brass gear, hand-cut 4 EUR 12.50 EUR 50.00", rows.get(0).getText());
            assertEquals("Total EUR 139.99", browser.driver()
                    .findElement(By.cssSelector("table tfoot tr:last-child")).getText());
            List<WebElement> steps = browser.driver().findElements(By.cssSelector("ol.timeline > li"));
            assertEquals(List.of("Pending", "Awaiting payment", "Paid", "Shipped"), steps.stream()
                    .map(step -> step.findElement(By.className("step")).getText()).toList());
            for (WebElement step : steps) {
                String datetime = step.findElement(By.tagName("time")).getDomAttribute("datetime");
                assertTrue(datetime.matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z"), datetime);
            }
            assertTrue(steps.get(3).getText().contains("Left the workshop today in two boxes."), steps.get(3).getText());
            assertEquals("https://track.example/1001", browser.driver().findElement(By.linkText("Track your shipment"))
                    .getDomAttribute("href"));
            // the stylesheet applied (allowed by its hash): the status badge has its background
            String badge = browser.driver().findElement(By.className("badge")).getCssValue("background-color");
            assertEquals("rgba(223, 241, 227, 1)", badge);
            Path screenshot = browser.screenshot("order-status");
            assertTrue(Files.size(screenshot) > 10_000, "a screenshot of the page");

            browser.resize(390, 844);
            browser.open(base + "orders/" + order.id() + "?token=" + order.token());
            browser.screenshot("order-status-phone");
            Object overflow = ((JavascriptExecutor) browser.driver())
                    .executeScript("return document.documentElement.scrollWidth > window.innerWidth");
            assertEquals(false, overflow, "no sideways scrolling on a phone");
            browser.assertCleanConsole();

            browser.resize(1280, 900);
            browser.open(base + "orders/" + order.id() + "?token=wrong-" + order.token());
            assertEquals("Order not found", browser.driver().findElement(By.tagName("h1")).getText());
            browser.screenshot("order-not-found");
            // the 404 itself is logged as a failed load; nothing may be blocked by the policy
            assertEquals(List.of(), browser.consoleProblems().stream().map(entry -> entry.getMessage())
                    .filter(message -> !message.contains("status of 404")).toList());
        }
    }
}
