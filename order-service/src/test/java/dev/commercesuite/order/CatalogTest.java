package dev.commercesuite.order;

import static dev.commercesuite.order.CatalogFixtures.create;
import static dev.commercesuite.order.CatalogFixtures.created;
import static dev.commercesuite.order.CatalogFixtures.product;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.order.CatalogFixtures.TestShop;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The catalog: admins add and edit products (with If-Match), everyone reads it, only staff see inactive products. */
@QuarkusTest
class CatalogTest {

    private static final String PROBLEMS = "https://commercesuite.dev/problems/";

    @Inject
    DataSource dataSource;

    private Sql sql;
    private TestShop shop;
    private String admin;

    @BeforeEach
    void shop() {
        sql = new Sql(dataSource);
        shop = CatalogFixtures.activeShop();
        admin = shop.admin();
    }

    @Test
    void anAdminAddsAProductAndReadsItBack() {
        Instant before = Instant.now();
        Response created = create(admin, product("CUP-01.blue_v2"));
        created.then().statusCode(201)
                .header("Location", matchesPattern("/api/v1/products/[0-9a-f-]{36}"))
                .header("ETag", equalTo("\"0\""))
                .body("sku", equalTo("CUP-01.blue_v2")).body("name", equalTo("Espresso cup CUP-01.blue_v2"))
                .body("description", equalTo("Porcelain, 80 ml")).body("price", equalTo(1250))
                .body("currency", equalTo("EUR")).body("stock", equalTo(40)).body("active", equalTo(true))
                .body("createdAt", notNullValue()).body("updatedAt", equalTo(created.path("createdAt")));
        String id = created.path("id");
        assertEquals("/api/v1/products/" + id, created.header("Location"));
        assertEquals("CUP-01.blue_v2|1250|EUR|40|true|" + shop.id(), sql.single("SELECT sku || '|' || price || '|' ||"
                + " currency || '|' || stock || '|' || active || '|' || tenant_id FROM products WHERE id = ?::uuid",
                id));
        assertFalse(Instant.parse(created.path("createdAt")).isBefore(before.minusSeconds(1)));

        given().auth().oauth2(admin).when().get("/api/v1/products/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"0\"")).body("id", equalTo(id)).body("sku", equalTo("CUP-01.blue_v2"))
                .body("createdAt", equalTo(created.path("createdAt")));
    }

    @Test
    void activeDefaultsToTrueAndStockToUnlimited() {
        Map<String, Object> body = product("TEA-1");
        body.remove("stock");
        body.remove("description");
        String id = created(admin, body);
        given().auth().oauth2(admin).when().get("/api/v1/products/" + id).then().statusCode(200)
                .body("$", hasKey("stock")).body("stock", nullValue()).body("description", nullValue())
                .body("active", equalTo(true));
        assertEquals(1, sql.count("SELECT count(*) FROM products WHERE id = ?::uuid AND stock IS NULL"
                + " AND description IS NULL", id));
    }

    @Test
    void badFieldsAreRefusedNamingTheFieldAndNothingIsStored() {
        long before = sql.count("SELECT count(*) FROM products WHERE tenant_id = ?::uuid", shop.id().toString());
        Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
        cases.put("sku", new Object[] { "has space", "x".repeat(65), "", "ü-umlaut", 12345, null });
        cases.put("name", new Object[] { "", "   ", "n".repeat(201), false, null });
        cases.put("description", new Object[] { "d".repeat(5001), 7 });
        cases.put("price", new Object[] { -1, 1_000_000_000_001L, "1250", 12.5, 1e3, true,
                new java.math.BigInteger("100000000000000000000"), null });
        cases.put("currency", new Object[] { "eur", "EURO", "ABC", "XXX", 978, null });
        cases.put("stock", new Object[] { -1, 1_000_001, 1.5, "5", 3_000_000_000L });
        cases.put("active", new Object[] { "yes", 1, null });
        for (Map.Entry<String, Object[]> field : cases.entrySet()) {
            for (Object value : field.getValue()) {
                Map<String, Object> body = product("BAD-" + UUID.randomUUID().toString().substring(0, 8));
                body.put(field.getKey(), value);
                create(admin, body).then().statusCode(400).contentType("application/problem+json")
                        .body("type", equalTo(PROBLEMS + "validation-failed"))
                        .body("errors.field", contains(field.getKey()));
            }
        }
        Map<String, Object> missing = new HashMap<>();
        create(admin, missing).then().statusCode(400).body("errors.field",
                containsInAnyOrder("sku", "name", "price", "currency"))
                .body("errors.message", contains("is required", "is required", "is required", "is required"));
        Map<String, Object> unknown = product("UNKNOWN-1");
        unknown.put("colour", "blue");
        unknown.put("id", UUID.randomUUID().toString());
        create(admin, unknown).then().statusCode(400).body("errors.field", containsInAnyOrder("colour", "id"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("[{\"sku\":\"A\"}]")
                .when().post("/api/v1/products").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "malformed-json"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"sku\":\"A\",\"sku\":\"B\"}")
                .when().post("/api/v1/products").then().statusCode(400).body("errors.field", contains("sku"));
        assertEquals(before, sql.count("SELECT count(*) FROM products WHERE tenant_id = ?::uuid",
                shop.id().toString()));
    }

    @Test
    void onlyAnAdminAddsProducts() {
        create(shop.staff(), product("STAFF-1")).then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "forbidden"));
        create(shop.customer(), product("CUSTOMER-1")).then().statusCode(403);
        given().contentType(ContentType.JSON).body(product("ANON-1")).when().post("/api/v1/products").then()
                .statusCode(401).header("WWW-Authenticate", "Bearer");
        assertEquals(0, sql.count("SELECT count(*) FROM products WHERE tenant_id = ?::uuid", shop.id().toString()));
    }

    @Test
    void aSkuIsUniqueInItsShopOnly() {
        created(admin, product("MUG"));
        create(admin, product("MUG")).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "sku-taken")).body("status", equalTo(409));
        created(CatalogFixtures.activeShop().admin(), product("MUG")); // another shop may use it
        assertEquals(1, sql.count("SELECT count(*) FROM products WHERE tenant_id = ?::uuid AND sku = 'MUG'",
                shop.id().toString()));
    }

    @Test
    void concurrentCreatesOfOneSkuStoreOne() throws Exception {
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> statuses.add(create(admin, product("RACE")).statusCode())));
            }
            for (var run : runs) {
                run.get();
            }
        }
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(1, sql.count("SELECT count(*) FROM products WHERE tenant_id = ?::uuid AND sku = 'RACE'",
                shop.id().toString()));
    }

    @Test
    void patchNeedsTheCurrentETag() {
        String id = created(admin, product("LAMP"));
        patch(admin, id, null, Map.of("price", 999)).then().statusCode(428)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "precondition-required"));
        patch(admin, id, "\"7\"", Map.of("price", 999)).then().statusCode(412)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "precondition-failed"));
        patch(admin, id, "W/\"0\"", Map.of("price", 999)).then().statusCode(412); // If-Match compares strongly
        assertEquals("1250", sql.single("SELECT price FROM products WHERE id = ?::uuid", id));

        Response edited = patch(admin, id, "\"0\"", Map.of("price", 999, "name", "Desk lamp"));
        edited.then().statusCode(200).header("ETag", equalTo("\"1\"")).body("price", equalTo(999))
                .body("name", equalTo("Desk lamp")).body("sku", equalTo("LAMP")).body("stock", equalTo(40));
        assertNotEquals(edited.path("createdAt"), edited.<String>path("updatedAt"));
        // the same If-Match again: the product has moved on
        patch(admin, id, "\"0\"", Map.of("price", 1)).then().statusCode(412);
        patch(admin, id, "\"5\", \"1\"", Map.of("price", 1001)).then().statusCode(200).header("ETag", "\"2\"");
        assertEquals("1001|Desk lamp|2", sql.single("SELECT price || '|' || name || '|' || version FROM products"
                + " WHERE id = ?::uuid", id));
    }

    @Test
    void concurrentEditsWithOneETagLetOneWin() throws Exception {
        String id = created(admin, product("RACE-EDIT"));
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int price = 100 + i;
                runs.add(pool.submit(() -> statuses.add(patch(admin, id, "\"0\"", Map.of("price", price))
                        .statusCode())));
            }
            for (var run : runs) {
                run.get();
            }
        }
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        assertEquals("1", sql.single("SELECT version FROM products WHERE id = ?::uuid", id));
    }

    @Test
    void patchIsAJsonMergePatch() {
        String id = created(admin, product("CHAIR"));
        Map<String, Object> clear = new HashMap<>();
        clear.put("stock", null);
        clear.put("description", null);
        clear.put("active", false);
        given().auth().oauth2(admin).contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body(clear).when().patch("/api/v1/products/" + id).then().statusCode(200)
                .body("stock", nullValue()).body("description", nullValue()).body("active", equalTo(false))
                .body("name", equalTo("Espresso cup CHAIR")).body("price", equalTo(1250));
        assertEquals(1, sql.count("SELECT count(*) FROM products WHERE id = ?::uuid AND stock IS NULL"
                + " AND description IS NULL AND NOT active AND version = 1", id));

        // nothing to change: the version (the ETag) stays
        patch(admin, id, "\"1\"", Map.of()).then().statusCode(200).header("ETag", "\"1\"");
        patch(admin, id, "\"1\"", Map.of("active", false, "price", 1250)).then().statusCode(200)
                .header("ETag", "\"1\"");
        patch(admin, id, "*", Map.of("stock", 3, "sku", "CHAIR-2", "currency", "JPY", "active", true))
                .then().statusCode(200).header("ETag", "\"2\"").body("stock", equalTo(3))
                .body("sku", equalTo("CHAIR-2")).body("currency", equalTo("JPY")).body("active", equalTo(true));
    }

    @Test
    void badPatchesAreRefusedAndChangeNothing() {
        String id = created(admin, product("SOFA"));
        created(admin, product("TAKEN"));
        Map<String, Object> nullName = new HashMap<>();
        nullName.put("name", null);
        patch(admin, id, "\"0\"", nullName).then().statusCode(400).body("errors.field", contains("name"))
                .body("errors.message", contains("is required"));
        patch(admin, id, "\"0\"", Map.of("price", "cheap")).then().statusCode(400)
                .body("errors.field", contains("price"));
        patch(admin, id, "\"0\"", Map.of("stock", -3, "currency", "eur")).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("stock", "currency"));
        patch(admin, id, "\"0\"", Map.of("createdAt", "2020-01-01T00:00:00Z", "weight", 3)).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("createdAt", "weight"));
        patch(admin, id, "\"0\"", Map.of("sku", "TAKEN")).then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "sku-taken"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"0\"").body("\"SOFA\"")
                .when().patch("/api/v1/products/" + id).then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "malformed-json"));
        patch(shop.staff(), id, "\"0\"", Map.of("price", 1)).then().statusCode(403);
        patch(admin, UUID.randomUUID().toString(), "\"0\"", Map.of("price", 1)).then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "not-found"));
        patch(admin, "not-a-uuid", "\"0\"", Map.of("price", 1)).then().statusCode(404);
        assertEquals("SOFA|1250|0", sql.single("SELECT sku || '|' || price || '|' || version FROM products"
                + " WHERE id = ?::uuid", id));
    }

    @Test
    void getAnswersNotModifiedForTheCurrentETag() {
        String id = created(admin, product("CLOCK"));
        given().auth().oauth2(admin).header("If-None-Match", "\"0\"").when().get("/api/v1/products/" + id)
                .then().statusCode(304).header("ETag", "\"0\"").body(emptyString());
        patch(admin, id, "\"0\"", Map.of("price", 5)).then().statusCode(200);
        given().auth().oauth2(admin).header("If-None-Match", "\"0\"").when().get("/api/v1/products/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("price", equalTo(5));
    }

    @Test
    void onlyStaffSeeInactiveProducts() {
        Map<String, Object> hidden = product("HIDDEN");
        hidden.put("active", false);
        String hiddenId = created(admin, hidden);
        String shownId = created(admin, product("SHOWN"));

        for (String reader : List.of(admin, shop.staff())) {
            given().auth().oauth2(reader).when().get("/api/v1/products/" + hiddenId).then().statusCode(200);
            given().auth().oauth2(reader).when().get("/api/v1/products").then().statusCode(200)
                    .body("items.sku", contains("SHOWN", "HIDDEN"));
            given().auth().oauth2(reader).queryParam("active", "false").when().get("/api/v1/products").then()
                    .statusCode(200).body("items.sku", contains("HIDDEN"));
            given().auth().oauth2(reader).queryParam("active", "true").when().get("/api/v1/products").then()
                    .statusCode(200).body("items.sku", contains("SHOWN"));
        }
        // a customer, and anyone with ?tenant=, read the storefront: active products only
        given().auth().oauth2(shop.customer()).when().get("/api/v1/products/" + hiddenId).then().statusCode(404);
        given().auth().oauth2(shop.customer()).when().get("/api/v1/products").then().statusCode(200)
                .body("items.sku", contains("SHOWN"));
        given().queryParam("tenant", shop.slug()).when().get("/api/v1/products").then().statusCode(200)
                .body("items.sku", contains("SHOWN")).body("nextCursor", nullValue());
        given().queryParam("tenant", shop.slug()).queryParam("active", "false").when().get("/api/v1/products")
                .then().statusCode(200).body("items", hasSize(0));
        given().queryParam("tenant", shop.slug()).when().get("/api/v1/products/" + hiddenId).then().statusCode(404);
        given().queryParam("tenant", shop.slug()).when().get("/api/v1/products/" + shownId).then().statusCode(200)
                .header("ETag", "\"0\"").body("sku", equalTo("SHOWN"));
        // the shop's own staff naming their shop by slug keep their view
        given().auth().oauth2(shop.staff()).queryParam("tenant", shop.slug()).when().get("/api/v1/products")
                .then().statusCode(200).body("items.sku", contains("SHOWN", "HIDDEN"));
    }

    @Test
    void theCatalogIsPagedWithACursor() {
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            skus.add(0, "P" + i); // newest first
            created(admin, product("P" + i));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("tenant", shop.slug()).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.when().get("/api/v1/products");
            page.then().statusCode(200);
            seen.addAll(page.path("items.sku"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(skus, seen);
        assertEquals(3, pages);
        given().queryParam("tenant", shop.slug()).when().get("/api/v1/products").then().statusCode(200)
                .body("items", hasSize(7));
    }

    @Test
    void badListParametersAreRefusedNamingThem() {
        for (String limit : List.of("0", "101", "ten", "-1", "1.5")) {
            given().queryParam("tenant", shop.slug()).queryParam("limit", limit).when().get("/api/v1/products")
                    .then().statusCode(400).body("errors.field", contains("limit"));
        }
        given().queryParam("tenant", shop.slug()).queryParam("active", "yes").when().get("/api/v1/products")
                .then().statusCode(400).body("errors.field", contains("active"));
        given().queryParam("tenant", shop.slug()).queryParam("cursor", "bm90LWEtY3Vyc29y").when()
                .get("/api/v1/products").then().statusCode(400).body("errors.field", contains("cursor"));
        given().when().get("/api/v1/products").then().statusCode(400).body("errors.field", contains("tenant"));
        given().when().get("/api/v1/products/" + UUID.randomUUID()).then().statusCode(400)
                .body("errors.field", contains("tenant"));
    }

    @Test
    void anUnknownShopIsNotFoundAndASuspendedShopsCatalogIsStillRead() {
        given().queryParam("tenant", CatalogFixtures.slug()).when().get("/api/v1/products").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "tenant-not-found"));
        given().queryParam("tenant", "Not A Slug!").when().get("/api/v1/products").then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "tenant-not-found"));

        TestShop suspended = CatalogFixtures.suspendedShop();
        String id = created(suspended.admin(), product("STILL-LISTED"));
        given().queryParam("tenant", suspended.slug()).when().get("/api/v1/products").then().statusCode(200)
                .body("items.id", contains(id));
        given().queryParam("tenant", suspended.id().toString()).when().get("/api/v1/products/" + id).then()
                .statusCode(200).body("sku", equalTo("STILL-LISTED"));
    }

    @Test
    void theOpenApiDocumentDescribesTheCatalog() {
        given().accept("application/json").when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/products'.post.responses", hasKey("409"))
                .body("paths.'/api/v1/products/{id}'.patch.responses", hasKey("428"))
                .body("paths.'/api/v1/products/{id}'.patch.responses", hasKey("412"))
                .body("paths.'/api/v1/products/{id}'.patch.requestBody.content", hasKey("application/merge-patch+json"))
                .body("paths.'/api/v1/products'.get.tags", contains("products"))
                .body("components.schemas.ProductRequest.properties", hasKey("stock"))
                .body("paths.'/api/v1/products/{id}'.get.responses.'200'.description", endsWith("ETag"));
    }

    static Response patch(String token, String id, String ifMatch, Map<String, Object> body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.when().patch("/api/v1/products/" + id);
    }
}
