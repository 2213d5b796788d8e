package dev.commercesuite.order;

import static dev.commercesuite.order.CatalogFixtures.create;
import static dev.commercesuite.order.CatalogFixtures.created;
import static dev.commercesuite.order.CatalogFixtures.product;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.TestTokens;
import dev.commercesuite.order.CatalogFixtures.TestShop;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Tenant isolation of the catalog: every product endpoint, called with another shop's tokens (admin, staff,
 * customer) or naming another shop's product, answers 404 (or shows only the caller's own shop) and changes nothing.
 */
@QuarkusTest
class CatalogTenantIsolationTest {

    private static final String NOT_FOUND = "https://commercesuite.dev/problems/not-found";

    @Inject
    DataSource dataSource;

    private Sql sql;
    private TestShop mine;
    private TestShop other;
    private String shown;
    private String hidden;

    @BeforeEach
    void twoShops() {
        sql = new Sql(dataSource);
        mine = CatalogFixtures.activeShop();
        other = CatalogFixtures.activeShop();
        shown = created(mine.admin(), product("SHOWN"));
        Map<String, Object> inactive = product("HIDDEN");
        inactive.put("active", false);
        hidden = created(mine.admin(), inactive);
    }

    @Test
    void anotherShopsAdminCannotEditOurProducts() {
        String before = rows(mine);
        assertEquals(2, before.lines().count());
        for (String id : List.of(shown, hidden)) {
            for (String ifMatch : List.of("\"0\"", "*")) {
                CatalogTest.patch(other.admin(), id, ifMatch, Map.of("price", 1, "name", "Taken over"))
                        .then().statusCode(404).contentType("application/problem+json").body("type", equalTo(NOT_FOUND));
            }
            // without If-Match the refusal is the same as for a product that does not exist
            CatalogTest.patch(other.admin(), id, null, Map.of("price", 1)).then().statusCode(428);
            CatalogTest.patch(other.admin(), UUID.randomUUID().toString(), null, Map.of("price", 1)).then()
                    .statusCode(428);
        }
        assertEquals(before, rows(mine));
    }

    @Test
    void anotherShopsTokensDoNotFindOurProducts() {
        for (String token : List.of(other.admin(), other.staff(), other.customer())) {
            for (String id : List.of(shown, hidden)) {
                given().auth().oauth2(token).when().get("/api/v1/products/" + id).then().statusCode(404)
                        .body("type", equalTo(NOT_FOUND));
                given().auth().oauth2(token).queryParam("tenant", other.slug()).when().get("/api/v1/products/" + id)
                        .then().statusCode(404);
            }
            given().auth().oauth2(token).when().get("/api/v1/products").then().statusCode(200)
                    .body("items", hasSize(0));
            given().auth().oauth2(token).queryParam("active", "false").when().get("/api/v1/products").then()
                    .statusCode(200).body("items", hasSize(0));
        }
        given().queryParam("tenant", other.slug()).when().get("/api/v1/products/" + shown).then().statusCode(404);
        given().queryParam("tenant", other.slug()).when().get("/api/v1/products").then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void anotherShopsStaffReadOurCatalogOnlyAsTheStorefrontShowsIt() {
        // the catalog is public: naming our shop, another shop's admin sees what any visitor sees, nothing more
        given().auth().oauth2(other.admin()).queryParam("tenant", mine.slug()).when().get("/api/v1/products").then()
                .statusCode(200).body("items.id", contains(shown));
        given().auth().oauth2(other.admin()).queryParam("tenant", mine.slug()).queryParam("active", "false").when()
                .get("/api/v1/products").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(other.admin()).queryParam("tenant", mine.id().toString()).when()
                .get("/api/v1/products/" + hidden).then().statusCode(404);
    }

    @Test
    void anotherShopsAdminCreatesOnlyInTheirOwnShop() {
        String before = rows(mine);
        // the same sku is theirs to use: no conflict, and nothing about our catalog is revealed
        String theirs = created(other.admin(), product("SHOWN"));
        Map<String, Object> aimed = product("AIMED");
        aimed.put("tenant", mine.slug());
        create(other.admin(), aimed).then().statusCode(400).body("errors.field", contains("tenant"));
        assertEquals(before, rows(mine));
        assertEquals(other.id().toString(), sql.single("SELECT tenant_id FROM products WHERE id = ?::uuid", theirs));
        assertEquals(1, sql.count("SELECT count(*) FROM products WHERE tenant_id = ?::uuid", other.id().toString()));
    }

    @Test
    void anAdminTokenOfNoShopFindsNothingAndStoresNothing() {
        long products = sql.count("SELECT count(*) FROM products");
        String before = rows(mine);
        String shopless = TestTokens.user(UUID.randomUUID().toString(), "not-a-shop-id", "admin");
        create(shopless, product("NOWHERE")).then().statusCode(404);
        CatalogTest.patch(shopless, shown, "\"0\"", Map.of("price", 1)).then().statusCode(404);
        given().auth().oauth2(shopless).when().get("/api/v1/products/" + shown).then().statusCode(400);
        // a service token is not a shop's admin
        given().auth().oauth2(TestTokens.service("order-service")).contentType(ContentType.JSON)
                .body(product("SERVICE")).when().post("/api/v1/products").then().statusCode(403);
        assertEquals(before, rows(mine));
        assertEquals(products, sql.count("SELECT count(*) FROM products"));
    }

    /** Every product row of the shop, all columns, in id order: any change shows. */
    private String rows(TestShop shop) {
        return sql.single("SELECT string_agg(concat_ws('|', id, sku, name, description, price, currency, stock,"
                + " active, version, created_at, updated_at), E'\\n' ORDER BY id) FROM products"
                + " WHERE tenant_id = ?::uuid", shop.id().toString());
    }
}
