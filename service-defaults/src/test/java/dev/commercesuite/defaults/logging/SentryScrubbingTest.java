package dev.commercesuite.defaults.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.JsonSerializer;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.User;

/** What an event may carry to Sentry: the serialized event, as it would leave, holds no credential and no address. */
class SentryScrubbingTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJlLWJ5dGVz";
    private static final String EMAIL = "ada.lovelace@example.com";
    private static final String PASSWORD = "Correct-Horse-Battery-9";
    private static final String STRIPE_KEY = "sk_live_not_a_real_key_0123";
    private static final String API_KEY = "cs_live_ak0123456789abcd_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa9876543210";

    @Test
    void noCredentialOrAddressLeavesInAnyPartOfTheEvent() throws IOException {
        SentryEvent event = new SentryEvent();
        Message message = new Message();
        message.setMessage("Login failed for %s with %s");
        message.setParams(List.of(EMAIL, "{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}"));
        message.setFormatted("Login failed for " + EMAIL + " with {\"password\":\"" + PASSWORD + "\"}");
        event.setMessage(message);
        SentryException exception = new SentryException();
        exception.setType("IllegalStateException");
        exception.setValue("401 from https://api.example.com?token=" + PASSWORD + ": Authorization: Bearer " + JWT
                + " key " + STRIPE_KEY);
        event.setExceptions(List.of(exception));
        event.setExtra("answer", Map.of("note", "api key " + API_KEY, "to", List.of(EMAIL)));
        event.getContexts().put("MDC", Map.of("requestId", "req-12345678", "userId", EMAIL));
        event.setTag("requestId", "req-12345678");
        Breadcrumb breadcrumb = new Breadcrumb("password=" + PASSWORD + " for " + EMAIL);
        breadcrumb.setData("header", "Basic YWRhOnNlY3JldA==");
        event.addBreadcrumb(breadcrumb);
        Request request = new Request();
        request.setData("{\"password\":\"" + PASSWORD + "\"}");
        event.setRequest(request);
        User user = new User();
        user.setEmail(EMAIL);
        event.setUser(user);

        SentryEvent sent = new SentryScrubbing().execute(event, new Hint());

        String raw = serialize(sent);
        for (String secret : List.of(JWT, EMAIL, PASSWORD, STRIPE_KEY, API_KEY, "YWRhOnNlY3JldA==")) {
            assertFalse(raw.contains(secret), secret + " left in " + raw);
        }
        assertTrue(raw.contains("Login failed for a***@example.com"), raw);
        assertEquals("req-12345678", sent.getTag("requestId"));
        assertNull(sent.getRequest());
        assertNull(sent.getUser());
    }

    private static String serialize(SentryEvent event) throws IOException {
        StringWriter json = new StringWriter();
        new JsonSerializer(new SentryOptions()).serialize(event, json);
        return json.toString();
    }
}
