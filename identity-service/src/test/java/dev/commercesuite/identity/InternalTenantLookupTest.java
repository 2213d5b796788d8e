package dev.commercesuite.identity;

import static dev.commercesuite.identity.Shops.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** {@code GET /internal/v1/tenants/{idOrSlug}}: other services look a shop up by its id or its slug. */
@QuarkusTest
class InternalTenantLookupTest extends VerifiedShopTests {

    private static final String NOT_FOUND = "https://commercesuite.dev/problems/not-found";

    @Test
    void findsTheShopByIdWithExactlyTheContractsFields() {
        Map<String, Object> body = lookup(shop.id()).then().statusCode(200).contentType("application/json")
                .extract().as(Map.class);
        assertEquals(Map.of("id", shop.id(), "slug", shop.slug(), "name", "Shop", "status", "active",
                "tier", "starter"), body);
        // an id in upper case is still the id
        lookup(shop.id().toUpperCase(Locale.ROOT)).then().statusCode(200).body("slug", equalTo(shop.slug()));
    }

    @Test
    void findsTheShopBySlugAndShowsItsStatusInLowerCase() throws Exception {
        lookup(shop.slug()).then().statusCode(200).body("id", equalTo(shop.id())).body("slug", equalTo(shop.slug()))
                .body("status", equalTo("active")).body("tier", equalTo("starter"));
        sql.execute("UPDATE tenants SET status = 'suspended', tier = 'studio' WHERE id = ?::uuid", shop.id());
        Map<String, Object> body = lookup(shop.slug()).then().statusCode(200).extract().as(Map.class);
        assertEquals(Set.of("id", "slug", "name", "status", "tier"), body.keySet());
        assertEquals("suspended", body.get("status"));
        assertEquals("studio", body.get("tier"));
    }

    @Test
    void unknownAndMalformedReferencesAre404Problems() {
        for (String reference : new String[] {UUID.randomUUID().toString(), "no-such-shop-" + shop.slug().substring(5),
                "Not%20A%20Slug!", shop.slug().toUpperCase(Locale.ROOT), "ab", "x".repeat(41), "1-2-3-4-5",
                "%27%20OR%20%271%27%3D%271", "%E2%82%AC%F0%9F%98%80", "shop_with_underscore"}) {
            given().auth().oauth2(Shops.serviceToken()).urlEncodingEnabled(false)
                    .when().get("/internal/v1/tenants/" + reference)
                    .then().statusCode(404).contentType("application/problem+json").body("type", equalTo(NOT_FOUND));
        }
    }

    @Test
    void onlyServiceTokensMayLookAShopUp() {
        given().when().get("/internal/v1/tenants/" + shop.slug())
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not-a-jwt").when().get("/internal/v1/tenants/" + shop.id())
                .then().statusCode(401).contentType("application/problem+json");
        String adminToken = Shops.login(shop.slug(), shop.admin(), PASSWORD).then().statusCode(200)
                .extract().path("accessToken");
        given().auth().oauth2(adminToken).when().get("/internal/v1/tenants/" + shop.slug())
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(adminToken).when().get("/internal/v1/tenants/" + shop.id())
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aSlugShapedLikeAUuidIsRefusedSoAReferenceIsNeverAmbiguous() throws Exception {
        String slug = UUID.randomUUID().toString();
        given().contentType("application/json").body(Map.of("name", "Ambiguous", "slug", slug,
                "adminEmail", "owner-" + slug + "@example.com", "adminPassword", PASSWORD, "adminName", "Owner"))
                .when().post("/api/v1/tenants")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("slug"));
        assertEquals(0, sql.count("SELECT count(*) FROM tenants WHERE slug = ?", slug));
    }

    private static Response lookup(String reference) {
        return given().auth().oauth2(Shops.serviceToken()).when().get("/internal/v1/tenants/" + reference);
    }
}
