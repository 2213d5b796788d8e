package dev.commercesuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * {@code GET /health} asks each service's readiness and reports status only: 200 and UP when every service is ready,
 * 503 naming the ones that are not (answering DOWN, failing, or slower than the check's timeout) otherwise. The answer
 * is reused for a second, so the test waits for a change to show instead of expecting it at once.
 */
@QuarkusTest
class GatewayServicesHealthTest {

    private static final String READY = "/q/health/ready";

    @BeforeEach
    void allReady() {
        for (String name : List.of(UpstreamStub.IDENTITY, UpstreamStub.ORDER, UpstreamStub.NOTIFICATION)) {
            WireMock stub = UpstreamStub.client(name);
            stub.resetMappings();
            stub.register(get(urlEqualTo(READY)).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"status\":\"UP\",\"checks\":[{\"name\":\"db\",\"status\":\"UP\"}]}")));
        }
    }

    @Test
    void allServicesReadyIs200WithEachServiceUpAndNoDetail() {
        Response health = awaitHealth(200);

        health.then().contentType("application/json").header("Cache-Control", "no-store")
                .body("status", equalTo("UP"))
                .body("services", equalTo(Map.of("identity", "UP", "order", "UP", "notification", "UP")))
                .body("checks", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aServiceDownFailingOrTooSlowMakesIt503NamingIt() {
        UpstreamStub.client(UpstreamStub.ORDER).register(get(urlEqualTo(READY)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"DOWN\"}")));

        awaitHealth(503).then().body("status", equalTo("DOWN"))
                .body("services", equalTo(Map.of("identity", "UP", "order", "DOWN", "notification", "UP")));

        UpstreamStub.client(UpstreamStub.IDENTITY).register(get(urlEqualTo(READY))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        UpstreamStub.client(UpstreamStub.NOTIFICATION).register(get(urlEqualTo(READY))
                .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> "DOWN".equals(given().when().get("/health").jsonPath().getString("services.identity"))
                        && "DOWN".equals(given().when().get("/health").jsonPath().getString("services.notification")));
        given().when().get("/q/health/ready").then().statusCode(200); // the gateway itself stays ready
    }

    private static Response awaitHealth(int status) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().when().get("/health").statusCode() == status);
        return given().when().get("/health");
    }
}
