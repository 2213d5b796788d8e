package dev.commercesuite.defaults.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** A served request is counted in latency buckets, so percentiles can be computed across replicas. */
@QuarkusTest
class HttpLatencyBucketsTest {

    @Test
    void servedRequestsFillTheLatencyHistogram() {
        given().queryParam("limit", 5).get("/probe/items").then().statusCode(200);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_bucket{method=\"GET\",outcome=\"SUCCESS\","
                        + "status=\"200\",uri=\"/probe/items\",le=\"0.005\"}"))
                .body(containsString("uri=\"/probe/items\",le=\"10.0\"}"))
                .body(containsString("uri=\"/probe/items\",le=\"+Inf\"}"));
    }
}
