package dev.commercesuite.defaults.testing;

import static io.restassured.RestAssured.given;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * Readiness follows the real dependency: when it becomes unreachable the service reports not ready (and stays
 * alive, so Kubernetes does not restart it), and it recovers by itself when the dependency returns.
 */
public abstract class DependencyOutageTests {

    /** The proxy between the service and its dependency. */
    protected abstract TcpProxy proxy();

    /** The name of the readiness check that must go DOWN. */
    protected abstract String dependencyCheckName();

    @Test
    void readinessFollowsTheDependencyWhileLivenessStaysUp() {
        awaitReadiness(200);
        proxy().cut();
        try {
            awaitReadiness(503);
            JsonPath ready = given().when().get("/q/health/ready").then().extract().jsonPath();
            org.junit.jupiter.api.Assertions.assertEquals("DOWN",
                    ready.getString("checks.find { it.name == '" + dependencyCheckName() + "' }.status"));
            given().when().get("/q/health/live").then().statusCode(200);
        } finally {
            proxy().open();
        }
        awaitReadiness(200);
    }

    private static void awaitReadiness(int status) {
        Awaitility.await("readiness answering " + status)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().when().get("/q/health/ready").statusCode() == status);
    }
}
