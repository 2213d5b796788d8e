package dev.commercesuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import dev.commercesuite.defaults.testing.RawHttp;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * The gateway terminating TLS itself with a certificate from PEM files (generated for the test): TLS 1.2 and 1.3
 * handshakes answer with HSTS and reach the services as HTTPS, TLS 1.1 is refused by the server (a fatal protocol_version alert), plain HTTP is
 * redirected (GET) or refused (anything else), and health probes still answer over plain HTTP.
 */
@QuarkusTest
@TestProfile(GatewayTlsTest.TerminatingTls.class)
class GatewayTlsTest {

    private static final String CERTIFICATE = "commercesuite.test.gateway-tls.certificate";
    /** The HTTPS port clients see in front of the gateway (gateway.tls.redirect-port). */
    private static final String PUBLIC_HTTPS_PORT = "8443";

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    public static class TerminatingTls implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(GeneratedCertificate.class));
        }
    }

    /**
     * A self-signed certificate for localhost in PEM files, and a free port for HTTPS, before the gateway starts.
     * The JDK's keytool makes the pair (Vert.x' own generator needs Bouncy Castle's PKIX classes on this JDK).
     */
    public static class GeneratedCertificate implements QuarkusTestResourceLifecycleManager {

        private static final char[] PASSWORD = "test-only".toCharArray();
        private Path directory;

        @Override
        public Map<String, String> start() {
            try {
                directory = Files.createTempDirectory("gateway-tls");
                Path store = directory.resolve("gateway.p12");
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool")
                        .toString(), "-genkeypair", "-alias", "gateway", "-keyalg", "RSA", "-keysize", "2048",
                        "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD),
                        "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
                String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (keytool.waitFor() != 0) {
                    throw new IllegalStateException("keytool failed: " + output);
                }
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(store)) {
                    keys.load(in, PASSWORD);
                }
                Path certificate = pem(directory.resolve("tls.crt"), "CERTIFICATE",
                        keys.getCertificate("gateway").getEncoded());
                Path key = pem(directory.resolve("tls.key"), "PRIVATE KEY",
                        keys.getKey("gateway", PASSWORD).getEncoded());
                System.setProperty(CERTIFICATE, certificate.toString());
                // a random port, as for plain HTTP (Quarkus' metrics tag a server by port only when it is fixed,
                // and two servers tagged differently stop the start); redirects name the public port instead
                return Map.of("quarkus.http.ssl.certificate.files", certificate.toString(),
                        "quarkus.http.ssl.certificate.key-files", key.toString(),
                        "quarkus.http.test-ssl-port", "0", "gateway.tls.redirect-port", PUBLIC_HTTPS_PORT);
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static Path pem(Path file, String type, byte[] der) throws IOException {
            String body = java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
            return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        }

        @Override
        public void stop() {
            if (directory != null) {
                try (var files = Files.list(directory)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                    Files.deleteIfExists(directory);
                } catch (IOException e) {
                    // a temporary directory left behind is no reason to fail the run
                }
            }
        }
    }

    @BeforeEach
    void reset() {
        for (String name : List.of(UpstreamStub.IDENTITY, UpstreamStub.ORDER, UpstreamStub.NOTIFICATION)) {
            WireMock stub = UpstreamStub.client(name);
            stub.resetMappings();
            stub.resetRequests();
            stub.register(any(anyUrl()).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("[]")));
        }
    }

    @Test
    void tls12And13HandshakesAnswerWithHstsAndReachTheServiceAsHttps() throws Exception {
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            try (SSLSocket socket = connect(protocol)) {
                assertEquals(protocol, socket.getSession().getProtocol());
                RawHttp.Answer answer = exchange(socket, "GET /api/v1/products HTTP/1.1\r\nHost: localhost\r\n"
                        + "Connection: close\r\n\r\n");
                assertEquals(200, answer.status(), answer.head());
                assertEquals("max-age=31536000; includeSubDomains", answer.header("Strict-Transport-Security"));
                assertEquals("nosniff", answer.header("X-Content-Type-Options"));
            }
        }
        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> seen = UpstreamStub
                .client(UpstreamStub.ORDER).find(getRequestedFor(urlEqualTo("/api/v1/products")));
        assertEquals(2, seen.size());
        seen.forEach(request -> assertEquals("https", request.getHeader("X-Forwarded-Proto")));
    }

    /**
     * The JDK's own client will not offer TLS 1.1 any more, so the test sends a TLS 1.1 ClientHello by hand: the
     * gateway must answer with a fatal {@code protocol_version} alert, not a ServerHello.
     */
    @Test
    void tls11IsRefusedByTheGateway() throws IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", httpsPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(clientHello(0x0302));
            socket.getOutputStream().flush();
            byte[] record = socket.getInputStream().readNBytes(7);

            assertEquals(7, record.length, "no answer to a TLS 1.1 hello");
            assertEquals(21, record[0], "an alert record, not a handshake");
            assertEquals(2, record[5], "a fatal alert");
            assertEquals(70, record[6], "protocol_version");
        }
    }

    /** A minimal ClientHello (RFC 4346) offering {@code version} and two CBC suites TLS 1.1 knows, no extensions. */
    private static byte[] clientHello(int version) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(version >> 8);
        body.write(version & 0xff);
        body.writeBytes(new byte[32]); // client random
        body.write(0); // no session id
        body.writeBytes(new byte[] {0, 4, (byte) 0xc0, 0x13, (byte) 0xc0, 0x14});
        body.writeBytes(new byte[] {1, 0}); // compression: null only
        byte[] hello = body.toByteArray();
        java.io.ByteArrayOutputStream record = new java.io.ByteArrayOutputStream();
        record.writeBytes(new byte[] {22, 3, 1});
        int length = hello.length + 4;
        record.write(length >> 8);
        record.write(length & 0xff);
        record.writeBytes(new byte[] {1, 0, (byte) (hello.length >> 8), (byte) hello.length});
        record.writeBytes(hello);
        return record.toByteArray();
    }

    @Test
    void plainHttpIsRedirectedForReadsAndRefusedForWritesButProbesAnswer() {
        given().redirects().follow(false).when().get("/api/v1/products?limit=5")
                .then().statusCode(308)
                .header("Location", "https://localhost:" + PUBLIC_HTTPS_PORT + "/api/v1/products?limit=5")
                .header("Strict-Transport-Security", org.hamcrest.Matchers.nullValue());
        given().redirects().follow(false).contentType("application/json").body("{\"email\":\"a@example.com\"}")
                .when().post("/api/v1/auth/login")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://commercesuite.dev/problems/https-required"));
        given().when().get("/q/health/live").then().statusCode(200);

        for (String name : List.of(UpstreamStub.IDENTITY, UpstreamStub.ORDER, UpstreamStub.NOTIFICATION)) {
            assertEquals(0, UpstreamStub.client(name).find(anyRequestedFor(anyUrl())).size(), name);
        }
    }

    private int httpsPort() {
        return https.getPort();
    }

    private SSLSocket connect(String protocol) throws Exception {
        SSLSocket socket = (SSLSocket) context().getSocketFactory().createSocket("localhost", httpsPort());
        socket.setEnabledProtocols(new String[] {protocol});
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    /** A client that trusts the generated certificate and nothing else. */
    private static SSLContext context() throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(Path.of(System.getProperty(CERTIFICATE)))) {
            Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(pem);
            trusted.setCertificateEntry("gateway", certificate);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static RawHttp.Answer exchange(SSLSocket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read; (read = in.read(buffer)) >= 0;) {
                bytes.write(buffer, 0, read);
            }
        } catch (SSLException | java.net.SocketException e) {
            // the connection closes after the answer
        }
        String text = bytes.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String[] statusLine = head.split(" ", 3);
        return new RawHttp.Answer(statusLine.length > 1 ? Integer.parseInt(statusLine[1].trim()) : -1, head,
                end < 0 ? "" : text.substring(end + 4));
    }
}
