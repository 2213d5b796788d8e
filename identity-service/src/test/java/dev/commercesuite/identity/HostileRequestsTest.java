package dev.commercesuite.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The requests that once reached identity's database or outbox, or answered 500: a key repeated in a one-field body,
 * a NUL in login's fields, a NUL queued by forgot-password and resend-verification. Each is now a 400 problem naming
 * the field, and nothing is stored.
 */
@QuarkusTest
class HostileRequestsTest {

    @Inject
    DataSource dataSource;

    private Sql sql;

    @BeforeEach
    void tables() {
        sql = new Sql(dataSource);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/auth/verify-email", "/api/v1/auth/refresh", "/api/v1/auth/logout"})
    void repeatedKeyIsRefusedByName(String path) {
        String key = path.endsWith("verify-email") ? "token" : "refreshToken";
        problem(post(path, "{\"" + key + "\":\"a\",\"" + key + "\":{}}"))
                .body("errors.field", hasItem(key));
        problem(post(path, "{\"" + key + "\":\"a\",\"" + key + "\":\"b\"}"))
                .body("errors.field", hasItem(key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenant", "email", "password"})
    void nulInALoginFieldIsRefusedByName(String field) throws Exception {
        long audits = sql.count("SELECT count(*) FROM audit_events");
        String body = "{\"tenant\":\"shop\",\"email\":\"ada@example.com\",\"password\":\"Quiet-Harbor-42\"}"
                .replace("\"" + field + "\":\"", "\"" + field + "\":\"\\u0000");
        problem(post("/api/v1/auth/login", body)).body("errors.field", hasItem(field));
        assertEquals(audits, sql.count("SELECT count(*) FROM audit_events"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/auth/forgot-password", "/api/v1/auth/resend-verification"})
    void nulIsNeverQueued(String path) throws Exception {
        long queued = sql.count("SELECT count(*) FROM outbox");
        problem(post(path, "{\"tenant\":\"shop\\u0000\",\"email\":\"ada@example.com\"}"))
                .body("errors.field", hasItem("tenant"));
        problem(post(path, "{\"tenant\":\"shop\",\"email\":\"ada\\u0000@example.com\"}"))
                .body("errors.field", hasItem("email"));
        assertEquals(queued, sql.count("SELECT count(*) FROM outbox"));
    }

    private static Response post(String path, String body) {
        return given().contentType("application/json").body(body).when().post(path);
    }

    private static io.restassured.response.ValidatableResponse problem(Response response) {
        return response.then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/validation-failed"));
    }
}
