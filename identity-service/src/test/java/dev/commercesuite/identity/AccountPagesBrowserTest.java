package dev.commercesuite.identity;

import static dev.commercesuite.identity.Shops.PASSWORD;
import static dev.commercesuite.identity.Shops.login;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import dev.commercesuite.defaults.testing.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The account pages in a real headless chromium (service-defaults' {@link Browser}): each renders under its shop's
 * name, the forms post and answer without JavaScript, nothing is logged to the console or blocked by the
 * Content-Security-Policy, and a screenshot of every step is kept under {@code target/screenshots/}.
 */
@QuarkusTest
class AccountPagesBrowserTest {

    private static final String SHOP_NAME = "Café Ünïcode";
    private static final String NEW_PASSWORD = "Bright-Meadow-Compass-77";

    @TestHTTPResource("/")
    URL base;

    private CapturedEmails emails;
    private String slug;
    private String admin;
    private Browser browser;

    @BeforeEach
    void shopAndBrowser() {
        emails = CapturedEmails.accepting();
        slug = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        admin = "owner-" + slug + "@example.com";
        given().contentType("application/json").body(Map.of("name", SHOP_NAME, "slug", slug, "adminEmail", admin,
                "adminPassword", PASSWORD, "adminName", "Owner"))
                .when().post("/api/v1/tenants").then().statusCode(201);
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theVerificationLinkConfirmsTheAddressUnderTheShopsName() {
        browser.open(url("/verify-email?token=" + emails.verificationToken(admin)));
        assertEquals("Your email address is confirmed", heading());
        assertEquals(SHOP_NAME, shopHeading());
        assertEquals("Your email address is confirmed · " + SHOP_NAME, driver().getTitle());
        shot("identity-verify-email");
        browser.assertCleanConsole();
        login(slug, admin, PASSWORD).then().statusCode(200);
    }

    @Test
    void theForgotPasswordFormSendsTheResetLink() {
        Shops.verify(emails, admin);
        browser.open(url("/forgot-password?shop=" + slug));
        assertEquals("Forgot your password?", heading());
        assertEquals(SHOP_NAME, shopHeading());
        assertEquals(slug, driver().findElement(By.id("shop")).getDomProperty("value"));
        shot("identity-forgot-password");

        // sent empty first: the errors are listed at the top and next to the field, as a screen reader finds them
        driver().findElement(By.id("shop")).clear();
        driver().findElement(By.cssSelector("button[type=submit]")).click();
        assertTrue(browser.text().contains("Please correct the following:"), browser.text());
        assertEquals("true", driver().findElement(By.id("email")).getDomAttribute("aria-invalid"));
        shot("identity-forgot-password-errors");

        driver().findElement(By.id("shop")).sendKeys(slug);
        driver().findElement(By.id("email")).sendKeys(admin);
        driver().findElement(By.cssSelector("button[type=submit]")).click();
        assertEquals("Check your email", heading());
        assertEquals(SHOP_NAME, shopHeading());
        shot("identity-forgot-password-sent");
        emails.await(admin, "password-reset");
        // the form sent empty was answered 400 with its errors, on purpose; nothing else may be logged
        browser.assertCleanConsoleExcept("/forgot-password - Failed to load resource: the server responded with a"
                + " status of 400");
    }

    @Test
    void theResetFormSetsTheNewPassword() {
        Shops.verify(emails, admin);
        Shops.forgotPassword(slug, admin).then().statusCode(202);
        String token = emails.await(admin, "password-reset").path("data").path("token").asText();

        browser.open(url("/reset-password?token=" + token));
        assertEquals("Choose a new password", heading());
        assertEquals(SHOP_NAME, shopHeading());
        shot("identity-reset-password");

        // a weak password: the policy's reasons are shown and the link still works
        driver().findElement(By.id("password")).sendKeys("password");
        driver().findElement(By.id("confirm")).sendKeys("password");
        driver().findElement(By.cssSelector("button[type=submit]")).click();
        assertTrue(driver().findElement(By.id("password-errors")).isDisplayed());
        shot("identity-reset-password-errors");

        driver().findElement(By.id("password")).sendKeys(NEW_PASSWORD);
        driver().findElement(By.id("confirm")).sendKeys(NEW_PASSWORD);
        driver().findElement(By.cssSelector("button[type=submit]")).click();
        assertEquals("Your password is changed", heading());
        assertEquals(SHOP_NAME, shopHeading());
        shot("identity-reset-password-done");
        browser.assertCleanConsoleExcept("/reset-password - Failed to load resource: the server responded with a"
                + " status of 400");

        login(slug, admin, NEW_PASSWORD).then().statusCode(200);
        login(slug, admin, PASSWORD).then().statusCode(401);
    }

    @Test
    void thePagesFitAPhoneScreen() {
        Shops.verify(emails, admin);
        Shops.forgotPassword(slug, admin).then().statusCode(202);
        String token = emails.await(admin, "password-reset").path("data").path("token").asText();
        browser.resize(390, 844).open(url("/reset-password?token=" + token));
        Number scrollWidth = (Number) ((org.openqa.selenium.JavascriptExecutor) driver())
                .executeScript("return document.documentElement.scrollWidth");
        Number viewport = (Number) ((org.openqa.selenium.JavascriptExecutor) driver())
                .executeScript("return window.innerWidth");
        assertTrue(scrollWidth.intValue() <= viewport.intValue(),
                "no sideways scrolling: " + scrollWidth + " > " + viewport);
        shot("identity-reset-password-phone");
        browser.assertCleanConsole();
    }

    private WebDriver driver() {
        return browser.driver();
    }

    private String heading() {
        return driver().findElement(By.tagName("h1")).getText();
    }

    private String shopHeading() {
        return driver().findElement(By.cssSelector("header .shop")).getText();
    }

    private void shot(String name) {
        Path file = browser.screenshot(name);
        assertTrue(Files.isRegularFile(file), file.toString());
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }
}
