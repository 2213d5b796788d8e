package dev.commercesuite.identity;

import static dev.commercesuite.identity.Shops.PASSWORD;
import static dev.commercesuite.identity.Shops.login;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;

/** The account pages: plain HTML forms that work without JavaScript, protected against CSRF, accessible. */
@QuarkusTest
class AccountPagesTest extends VerifiedShopTests {

    private static final String NEW_PASSWORD = "Bright-Meadow-Compass-77";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");

    /** A form page as a browser holds it: the token in its hidden field and the cookie that came with it. */
    private record Form(String csrf, Cookie cookie, Response page) {

        static Form of(Response page) {
            Matcher field = CSRF_FIELD.matcher(page.asString());
            assertTrue(field.find(), "the page has a form token");
            Cookie cookie = page.getDetailedCookie("__Host-csrf");
            assertNotNull(cookie, "the page sets the form-token cookie");
            return new Form(field.group(1), cookie, page);
        }
    }

    @Test
    void resetJourneyThroughThePagesFromTheEmailsLink() throws Exception {
        Form forgot = Form.of(given().when().get("/forgot-password?shop=" + shop.slug()));
        forgot.page().then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("<label for=\"shop\">")).body(containsString("<label for=\"email\">"))
                .body(containsString("value=\"" + shop.slug() + "\""));
        post("/forgot-password", forgot, Map.of("shop", shop.slug(), "email", shop.admin()))
                .then().statusCode(200).body(containsString("Check your email"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !emails.all(shop.admin(), "password-reset").isEmpty());
        String token = emails.all(shop.admin(), "password-reset").get(0).path("data").path("token").asText();

        // the email's link: ${suite.public-url}/reset-password?token=...
        Form reset = Form.of(given().when().get("/reset-password?token=" + token));
        reset.page().then().statusCode(200).body(containsString("name=\"token\" value=\"" + token + "\""))
                .body(containsString("autocomplete=\"new-password\""));

        Response weak = post("/reset-password", reset, Map.of("token", token, "password", "password",
                "confirm", "password"));
        weak.then().statusCode(400).body(containsString("aria-invalid=\"true\""))
                .body(containsString("aria-describedby=\"password-hint password-errors\""))
                .body(containsString("id=\"password-errors\"")).body(containsString("href=\"#password\""));
        Form again = Form.of(weak);
        post("/reset-password", again, Map.of("token", token, "password", NEW_PASSWORD, "confirm", NEW_PASSWORD + "x"))
                .then().statusCode(400).body(containsString("id=\"confirm-error\""));
        post("/reset-password", again, Map.of("token", token, "password", NEW_PASSWORD, "confirm", NEW_PASSWORD))
                .then().statusCode(200).body(containsString("Your password is changed"));

        login(shop.slug(), shop.admin(), NEW_PASSWORD).then().statusCode(200);
        login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(401);
        // the link is spent
        Form spent = Form.of(given().when().get("/reset-password?token=" + token));
        post("/reset-password", spent, Map.of("token", token, "password", "Other-Meadow-Compass-99",
                "confirm", "Other-Meadow-Compass-99")).then().statusCode(400)
                .body(containsString("href=\"/forgot-password\""));
    }

    @Test
    void everyPageCarriesTheSafetyHeadersAndTheCookieIsLockedDown() {
        for (String path : List.of("/forgot-password", "/reset-password?token=" + "A".repeat(43),
                "/reset-password?token=nope", "/verify-email?token=" + "B".repeat(43))) {
            given().when().get(path).then()
                    .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", containsString("default-src 'none'"))
                    .header("Content-Security-Policy", containsString("form-action 'self'"))
                    .contentType(startsWith("text/html")).body(containsString("<html lang=\"en\">"));
        }
        Cookie cookie = Form.of(given().when().get("/forgot-password")).cookie();
        assertTrue(cookie.isSecured());
        assertTrue(cookie.isHttpOnly());
        assertEquals("Strict", cookie.getSameSite());
        assertEquals("/", cookie.getPath());
    }

    @Test
    void formsWithoutAMatchingTokenOrFromAnotherSiteAreRefusedAndDoNothing() throws Exception {
        Form forgot = Form.of(given().when().get("/forgot-password"));
        Map<String, String> fields = Map.of("shop", shop.slug(), "email", shop.admin());
        // no cookie
        given().contentType("application/x-www-form-urlencoded").formParam("csrf", forgot.csrf())
                .formParams(fields).when().post("/forgot-password").then().statusCode(403)
                .body(containsString("This form has expired"));
        // a cookie that does not match
        given().cookie("__Host-csrf", "x".repeat(43)).formParam("csrf", forgot.csrf()).formParams(fields)
                .when().post("/forgot-password").then().statusCode(403);
        // another site's page posting with a browser's own cookie
        given().cookie(forgot.cookie()).header("Origin", "https://evil.example").formParam("csrf", forgot.csrf())
                .formParams(fields).when().post("/forgot-password").then().statusCode(403);
        given().cookie(forgot.cookie()).header("Sec-Fetch-Site", "cross-site").formParam("csrf", forgot.csrf())
                .formParams(fields).when().post("/forgot-password").then().statusCode(403);
        // an opaque origin from another site (a sandboxed frame) still says cross-site in its fetch metadata
        given().cookie(forgot.cookie()).header("Origin", "null").header("Sec-Fetch-Site", "cross-site")
                .formParam("csrf", forgot.csrf()).formParams(fields).when().post("/forgot-password")
                .then().statusCode(403);
        // and "Origin: null" is no way around the token pair
        given().cookie("__Host-csrf", "x".repeat(43)).header("Origin", "null").header("Sec-Fetch-Site", "same-origin")
                .formParam("csrf", forgot.csrf()).formParams(fields).when().post("/forgot-password")
                .then().statusCode(403);
        assertEquals(0, sql.count("SELECT count(*) FROM outbox WHERE destination = 'identity.forgot-password'"
                + " AND payload LIKE ?", "%" + shop.admin() + "%"));
    }

    @Test
    void aBrowsersOwnPostFromTheNoReferrerPageIsAccepted() {
        // what chromium sends for the form on a page with Referrer-Policy: no-referrer (the browser test's finding)
        Form forgot = Form.of(given().when().get("/forgot-password"));
        given().cookie(forgot.cookie()).header("Origin", "null").header("Sec-Fetch-Site", "same-origin")
                .contentType("application/x-www-form-urlencoded").formParam("csrf", forgot.csrf())
                .formParams(Map.of("shop", shop.slug(), "email", shop.admin()))
                .when().post("/forgot-password").then().statusCode(200).body(containsString("Check your email"));
    }

    @Test
    void badInputIsShownInlineAndEscaped() {
        Form forgot = Form.of(given().when().get("/forgot-password"));
        Response page = post("/forgot-password", forgot, Map.of("shop", "<script>alert(1)</script>",
                "email", "not-an-address"));
        page.then().statusCode(400).body(containsString("&lt;script&gt;")).body(not(containsString("<script>")))
                .body(containsString("id=\"email-error\"")).body(containsString("role=\"alert\""));
        Form.of(page); // a fresh token for the next try
    }

    @Test
    void verifyEmailPageConfirmsOnceAndTheTokenNeverReachesTheLogs() throws Exception {
        String customer = "pages-" + shop.slug() + "@example.com";
        Shops.signup(shop.slug(), customer).then().statusCode(202);
        String token = emails.verificationToken(customer);
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            given().when().get("/verify-email?token=" + token).then().statusCode(200)
                    .body(containsString("Your email address is confirmed"));
            given().when().get("/verify-email?token=" + token).then().statusCode(400)
                    .body(containsString("does not work any more"));
        } finally {
            root.removeHandler(capture);
        }
        assertEquals("verified", sql.single("SELECT CASE WHEN email_verified_at IS NULL THEN 'unverified'"
                + " ELSE 'verified' END FROM users WHERE email = ?", customer));
        assertTrue(logged.stream().anyMatch(line -> line.contains("GET /verify-email")), "the access log saw the page: " + logged);
        assertEquals(List.of(), logged.stream().filter(line -> line.contains(token)).toList(), "log lines holding the token");
    }

    private static Response post(String path, Form form, Map<String, String> fields) {
        return given().cookie(form.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", form.csrf()).formParams(fields).when().post(path);
    }
}
