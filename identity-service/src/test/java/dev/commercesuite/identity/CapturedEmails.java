package dev.commercesuite.identity;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;

/**
 * The emails identity's outbox delivered to the notification-service stub: service-defaults' {@code CapturedEmails}
 * with identity's own shortcut for verification tokens.
 */
final class CapturedEmails {

    static final String INTAKE = dev.commercesuite.defaults.testing.CapturedEmails.INTAKE;

    private final dev.commercesuite.defaults.testing.CapturedEmails emails;

    private CapturedEmails(dev.commercesuite.defaults.testing.CapturedEmails emails) {
        this.emails = emails;
    }

    /** The stub, answering 202 to every email. */
    static CapturedEmails accepting() {
        return new CapturedEmails(dev.commercesuite.defaults.testing.CapturedEmails.accepting());
    }

    WireMock stub() {
        return emails.stub();
    }

    List<JsonNode> all(String to, String template) {
        return emails.all(to, template);
    }

    JsonNode await(String to, String template) {
        return emails.await(to, template);
    }

    /** Waits for the verification email to this address and answers the token in its link. */
    String verificationToken(String to) {
        return await(to, "verify-email").path("data").path("token").asText();
    }
}
