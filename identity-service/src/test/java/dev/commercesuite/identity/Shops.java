package dev.commercesuite.identity;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.response.Response;

/** Identity's public API as tests drive it: shops, sign-ups, verification, login and refresh. */
final class Shops {

    static final String PASSWORD = "Quiet-Harbor-Lantern-42";

    private Shops() {
    }

    /** A new shop with a unique slug and its unverified admin {@code admin-<slug>@example.com}. */
    record Shop(String slug, String id, String admin) {
    }

    static Shop create() {
        String slug = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = "admin-" + slug + "@example.com";
        String id = given().contentType("application/json").body(Map.of("name", "Shop", "slug", slug,
                "adminEmail", admin, "adminPassword", PASSWORD, "adminName", "Admin"))
                .when().post("/api/v1/tenants").then().statusCode(201).extract().path("id");
        return new Shop(slug, id, admin);
    }

    /** Verifies the address with the token from its verification email. */
    static void verify(CapturedEmails emails, String email) {
        given().contentType("application/json").body(Map.of("token", emails.verificationToken(email)))
                .when().post("/api/v1/auth/verify-email").then().statusCode(200);
    }

    /** Verifies the shop's admin and logs them in; answers their access token. */
    static String adminToken(CapturedEmails emails, Shop shop) {
        verify(emails, shop.admin());
        return login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(200).extract().path("accessToken");
    }

    static Response signup(String tenant, String email) {
        return given().contentType("application/json")
                .body(Map.of("tenant", tenant, "email", email, "password", PASSWORD, "name", "Ada Lovelace"))
                .when().post("/api/v1/auth/signup");
    }

    static Response resend(String tenant, String email) {
        return given().contentType("application/json").body(Map.of("tenant", tenant, "email", email))
                .when().post("/api/v1/auth/resend-verification");
    }

    static Response login(String tenant, String email, String password) {
        return given().contentType("application/json")
                .body(Map.of("tenant", tenant, "email", email, "password", password))
                .when().post("/api/v1/auth/login");
    }

    static Response refresh(String refreshToken) {
        return given().contentType("application/json").body(Map.of("refreshToken", refreshToken))
                .when().post("/api/v1/auth/refresh");
    }

    /** A service token identity issues to the test service account ({@code order-service}). */
    static String serviceToken() {
        return given().formParam("grant_type", "client_credentials").formParam("client_id", TokenResourceTest.CLIENT)
                .formParam("client_secret", TokenResourceTest.SECRET)
                .when().post("/api/v1/auth/token").then().statusCode(200).extract().path("access_token");
    }

    static Response forgotPassword(String tenant, String email) {
        return given().contentType("application/json").body(Map.of("tenant", tenant, "email", email))
                .when().post("/api/v1/auth/forgot-password");
    }

    static Response resetPassword(String token, String password) {
        return given().contentType("application/json").body(Map.of("token", token, "password", password))
                .when().post("/api/v1/auth/reset-password");
    }
}
