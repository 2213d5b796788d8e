package dev.commercesuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

/**
 * Bodies larger than the socket buffers cross the gateway whole in both directions (the relay pauses and resumes on
 * back-pressure), also an upload of unknown length, and a request without a body reaches the service without one.
 */
@QuarkusTest
class GatewayStreamingTest {

    private static final RestAssuredConfig IDENTITY_ENCODING = RestAssured.config()
            .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());

    @Test
    void aLargeChunkedUploadAndALargeAnswerArriveWhole() {
        // a path under the default 1 MiB body limit (orders allow 256 KiB)
        WireMock order = UpstreamStub.client(UpstreamStub.NOTIFICATION);
        order.resetRequests();
        byte[] upload = bytes(600 * 1024, 1);
        byte[] download = bytes(3 * 1024 * 1024, 2);
        order.register(post(urlEqualTo("/api/v1/notifications/import")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/octet-stream").withBody(download)));

        // an InputStream body has no length known up front: RestAssured sends it chunked
        Response answer = given().config(IDENTITY_ENCODING).contentType("application/octet-stream")
                .body(new ByteArrayInputStream(upload)).when().post("/api/v1/notifications/import");

        answer.then().statusCode(201);
        assertArrayEquals(download, answer.asByteArray());
        List<LoggedRequest> seen = order.find(postRequestedFor(urlEqualTo("/api/v1/notifications/import")));
        assertEquals(1, seen.size());
        assertArrayEquals(upload, seen.get(0).getBody());
    }

    @Test
    void aGetWithoutABodyReachesTheServiceWithoutOne() {
        WireMock notification = UpstreamStub.client(UpstreamStub.NOTIFICATION);
        notification.resetRequests();
        notification.register(get(urlEqualTo("/api/v1/notifications/7")).willReturn(aResponse().withStatus(200)));

        given().when().get("/api/v1/notifications/7").then().statusCode(200);

        LoggedRequest seen = notification.find(WireMock.getRequestedFor(urlEqualTo("/api/v1/notifications/7"))).get(0);
        assertNull(seen.getHeader("Transfer-Encoding"));
        assertEquals(0, seen.getBody().length);
        notification.verifyThat(1, WireMock.getRequestedFor(urlEqualTo("/api/v1/notifications/7"))
                .withHeader("X-Forwarded-Proto", equalTo("http")));
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
