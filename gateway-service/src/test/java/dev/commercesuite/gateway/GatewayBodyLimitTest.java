package dev.commercesuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import dev.commercesuite.defaults.testing.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Per-route body limits (the defaults in application.properties: 16 KiB for auth, 64 KiB for products, 256 KiB for
 * the Stripe webhook): a body over its route's limit is a 413 that closes the connection, whether its length is
 * declared or it comes chunked, and no service sees any of it; a body within the limit reaches the service whole.
 */
@QuarkusTest
class GatewayBodyLimitTest {

    private static final int AUTH_LIMIT = 16 * 1024;

    private final List<WireMock> upstreams = List.of(UpstreamStub.client(UpstreamStub.IDENTITY),
            UpstreamStub.client(UpstreamStub.ORDER), UpstreamStub.client(UpstreamStub.NOTIFICATION));

    @BeforeEach
    void reset() {
        for (WireMock upstream : upstreams) {
            upstream.resetMappings();
            upstream.resetRequests();
            upstream.register(any(anyUrl()).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{}")));
        }
    }

    @Test
    void aDeclaredLengthOverTheRoutesLimitIs413AndNothingIsForwarded() {
        given().contentType("application/json").body(json(AUTH_LIMIT + 1))
                .when().post("/api/v1/auth/login")
                .then().statusCode(413).contentType("application/problem+json")
                .header("Connection", "close")
                .body("type", org.hamcrest.Matchers.equalTo("https://commercesuite.dev/problems/payload-too-large"))
                .body("detail", containsString("16 KiB"));
        // the same size is fine where the route allows more
        given().contentType("application/json").body(json(AUTH_LIMIT + 1))
                .when().post("/api/v1/products").then().statusCode(200);

        assertEquals(0, UpstreamStub.client(UpstreamStub.IDENTITY).find(anyRequestedFor(anyUrl())).size());
        assertEquals(1, UpstreamStub.client(UpstreamStub.ORDER).find(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void aBodyOfExactlyTheLimitReachesTheServiceWhole() {
        String body = json(AUTH_LIMIT);
        given().contentType("application/json").body(body).when().post("/api/v1/auth/login").then().statusCode(200);

        UpstreamStub.client(UpstreamStub.IDENTITY).verifyThat(1, postRequestedFor(urlEqualTo("/api/v1/auth/login"))
                .withRequestBody(equalTo(body)));
    }

    @Test
    void aChunkedBodyIsReadUpToTheLimitThenRefusedAndNothingIsForwarded() {
        RawHttp.Answer answer = chunked("/api/v1/auth/signup", json(AUTH_LIMIT + 100), 1000);

        assertEquals(413, answer.status());
        assertTrue(answer.head().toLowerCase().contains("connection: close"), answer.head());
        assertTrue(answer.body().contains("payload-too-large"), answer.body());
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
        for (WireMock upstream : upstreams) {
            assertEquals(0, upstream.find(anyRequestedFor(anyUrl())).size());
        }
    }

    @Test
    void aChunkedBodyWithinTheLimitIsForwardedWholeWithItsLength() {
        String body = json(AUTH_LIMIT - 10);
        RawHttp.Answer answer = chunked("/api/v1/auth/signup", body, 4000);

        assertEquals(200, answer.status(), answer.head());
        WireMock identity = UpstreamStub.client(UpstreamStub.IDENTITY);
        identity.verifyThat(1, postRequestedFor(urlEqualTo("/api/v1/auth/signup")).withRequestBody(equalTo(body))
                .withHeader("Content-Length", equalTo(Integer.toString(body.length()))));
    }

    @Test
    void aChunkedUploadThatWaitsFor100ContinueIsToldToSendItsBody() {
        String body = json(1000);
        RawHttp.Answer answer = chunked("/api/v1/auth/signup", body, 400, true);

        assertEquals(200, answer.status(), answer.head());
        UpstreamStub.client(UpstreamStub.IDENTITY).verifyThat(1, postRequestedFor(urlEqualTo("/api/v1/auth/signup"))
                .withRequestBody(equalTo(body)));
    }

    @Test
    void aMalformedOrNegativeContentLengthIsAClientErrorAndReachesNoService() {
        for (String length : List.of("abc", "-5", "12, 13", "99999999999999999999999")) {
            RawHttp.Answer answer = RawHttp.exchange(RestAssured.port, "POST /api/v1/auth/login HTTP/1.1\r\n"
                    + "Host: localhost\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n");
            assertTrue(answer.status() >= 400 && answer.status() < 500, length + " -> " + answer.status());
        }
        for (WireMock upstream : upstreams) {
            assertEquals(0, upstream.find(anyRequestedFor(anyUrl())).size());
        }
    }

    private static String json(int length) {
        String prefix = "{\"x\":\"";
        return prefix + "a".repeat(length - prefix.length() - 2) + "\"}";
    }

    /** POSTs {@code body} in chunks of {@code chunkSize} over a plain socket and reads the answer. */
    private static RawHttp.Answer chunked(String path, String body, int chunkSize) {
        return chunked(path, body, chunkSize, false);
    }

    /** As {@link #chunked(String, String, int)}; with {@code expectContinue}, the body waits for 100 Continue. */
    private static RawHttp.Answer chunked(String path, String body, int chunkSize, boolean expectContinue) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n" + (expectContinue ? "Expect: 100-continue\r\n" : "")
                    + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            if (expectContinue) {
                String interim = interimAnswer(socket.getInputStream());
                assertTrue(interim.startsWith("HTTP/1.1 100"), interim);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            try {
                for (int at = 0; at < bytes.length; at += chunkSize) {
                    int size = Math.min(chunkSize, bytes.length - at);
                    out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(bytes, at, size);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // the gateway may close the connection once it has refused the body: its answer is still there
            }
            return parse(readAnswer(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String interimAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static byte[] readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read; (read = in.read(buffer)) >= 0;) {
                bytes.write(buffer, 0, read);
                String text = bytes.toString(StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (end >= 0 && complete(text, end)) {
                    break;
                }
            }
        } catch (java.net.SocketException e) {
            // a reset after the answer was written
        }
        return bytes.toByteArray();
    }

    /** Whether the body announced by the head has arrived (the connection may stay open after a 200). */
    private static boolean complete(String text, int headEnd) {
        RawHttp.Answer head = new RawHttp.Answer(0, text.substring(0, headEnd), "");
        String length = head.header("Content-Length");
        if (length != null) {
            return text.length() - headEnd - 4 >= Integer.parseInt(length.trim());
        }
        return text.endsWith("0\r\n\r\n");
    }

    private static RawHttp.Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        String[] statusLine = head.split(" ", 3);
        return new RawHttp.Answer(statusLine.length > 1 ? Integer.parseInt(statusLine[1].trim()) : -1, head, body);
    }
}
