package dev.commercesuite.defaults.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;

/**
 * The emails a service's outbox delivered to the notification-service stub ({@link NotificationIntakeStub}), read back
 * as the JSON bodies the stub received.
 */
public final class CapturedEmails {

    public static final String INTAKE = "/internal/v1/emails";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMock stub;

    private CapturedEmails(WireMock stub) {
        this.stub = stub;
    }

    /** The stub, answering 202 to every email. */
    public static CapturedEmails accepting() {
        CapturedEmails emails = new CapturedEmails(new WireMock("127.0.0.1", NotificationIntakeStub.port()));
        emails.stub.register(post(urlEqualTo(INTAKE)).willReturn(aResponse().withStatus(202)));
        return emails;
    }

    public WireMock stub() {
        return stub;
    }

    /** Every email of this template sent to this address so far, oldest first. */
    public List<JsonNode> all(String to, String template) {
        List<JsonNode> found = new ArrayList<>();
        for (var request : stub.find(postRequestedFor(urlEqualTo(INTAKE)))) {
            JsonNode body = parse(request.getBodyAsString());
            if (to.equals(body.path("to").asText()) && template.equals(body.path("template").asText())) {
                found.add(body);
            }
        }
        return found;
    }

    /** Waits for the first email of this template to this address. */
    public JsonNode await(String to, String template) {
        Awaitility.await(template + " to " + to).atMost(Duration.ofSeconds(20)).until(() -> !all(to, template).isEmpty());
        return all(to, template).get(0);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the stub received a body that is not JSON: " + body, e);
        }
    }
}
