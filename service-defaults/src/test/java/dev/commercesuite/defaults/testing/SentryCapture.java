package dev.commercesuite.defaults.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for Sentry's ingestion endpoint ({@code /api/<project>/envelope/}): an HTTP server on 127.0.0.1 that
 * keeps every envelope a service sends, decompressed and as raw text, so a test can read the events and search the
 * whole of what left the process. Give the service {@link #dsn()} as {@code SENTRY_DSN}.
 */
public final class SentryCapture implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<String> envelopes = new CopyOnWriteArrayList<>();

    private SentryCapture(HttpServer server) {
        this.server = server;
    }

    public static SentryCapture start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            SentryCapture capture = new SentryCapture(server);
            server.createContext("/", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    byte[] raw = body.readAllBytes();
                    boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
                    byte[] envelope = gzip ? new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes() : raw;
                    capture.envelopes.add(new String(envelope, StandardCharsets.UTF_8));
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return capture;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The DSN that sends this service's events here. */
    public String dsn() {
        return "http://publickey@127.0.0.1:" + server.getAddress().getPort() + "/1";
    }

    /** Every envelope received so far, as the raw text that left the service. */
    public List<String> envelopes() {
        return List.copyOf(envelopes);
    }

    /** The events received so far, in order: the payloads of the envelopes' {@code event} items. */
    public List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        for (String envelope : envelopes) {
            String[] lines = envelope.split("\n");
            for (int i = 1; i + 1 < lines.length; i += 2) {
                if ("event".equals(read(lines[i]).path("type").asText())) {
                    events.add(read(lines[i + 1]));
                }
            }
        }
        return events;
    }

    /** An event in one line for a failure message: its level, logger and message. */
    public static String summary(JsonNode event) {
        return event.path("level").asText() + " " + event.path("logger").asText() + ": "
                + event.path("message").path("formatted").asText(event.path("message").path("message").asText());
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
