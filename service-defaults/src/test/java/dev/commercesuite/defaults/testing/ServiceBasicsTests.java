package dev.commercesuite.defaults.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

/**
 * What every service answers out of the box, proved against each service's own running instance (the concrete
 * subclass is the service's {@code @QuarkusTest}): probes with real checks, metrics, OpenAPI, and the shared error
 * and request-id handling wired in.
 */
public abstract class ServiceBasicsTests {

    /** The name of the readiness check that proves this service's main dependency (database or Redis) answers. */
    protected abstract String dependencyCheckName();

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live")
                .then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessChecksTheRealDependency() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(dependencyCheckName()));
    }

    @Test
    void startedOnceStartUpFinished() {
        given().when().get("/q/health/started")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Application started"));
    }

    @Test
    void metricsAreExposedForPrometheus() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    void openApiDocumentIsServed() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", notNullValue());
    }

    @Test
    void unknownRouteAnswersAProblemWithTheRequestId() {
        given().header("X-Request-Id", "basics-check-0001")
                .when().get("/api/v1/does-not-exist")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .header("X-Request-Id", equalTo("basics-check-0001"))
                .body("status", equalTo(404))
                .body("requestId", equalTo("basics-check-0001"));
    }
}
