package dev.commercesuite.defaults.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.testing.ApiOperations.Field;
import dev.commercesuite.defaults.testing.ApiOperations.Operation;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A hostile client against every operation of a service, as its OpenAPI document declares them (plus any the
 * service names in {@link #extraOperations()}): the {@link HostileCorpus} as bodies, body fields, path ids, query
 * values and headers. Nothing may answer 5xx; every 4xx is problem+json (an HTML page or an OAuth endpoint may say
 * otherwise, see {@link #errorBodyIsExempt}); and what must be refused stores nothing ({@link #storedRows()}).
 * The concrete subclass is the service's {@code @QuarkusTest}.
 */
public abstract class HostileInputTests {

    private static final RestAssuredConfig RAW = RestAssured.config().encoderConfig(
            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{(\\w+)}");

    private List<Operation> operations;
    private final List<String> failures = new ArrayList<>();
    private int exchanges;

    /** Bearer tokens to send besides none, so checks behind authentication are reached too. */
    protected List<String> tokens() {
        return List.of();
    }

    /** Operations the OpenAPI document does not list (routes outside JAX-RS), as {@code "METHOD /path"}. */
    protected List<String> extraOperations() {
        return List.of();
    }

    /** Whether an error answer of this operation may have another body than problem+json (by design). */
    protected boolean errorBodyIsExempt(Operation operation) {
        return operation.answersHtml();
    }

    /**
     * Rows by table, for the tables a refused request must leave alone; empty when the service stores nothing a
     * client can reach. Compared before and after the requests every endpoint must refuse.
     */
    protected Map<String, Long> storedRows() {
        return Map.of();
    }

    /**
     * Whether this service reads the bodies it is sent; a proxy (the gateway) passes them on, so there a hostile
     * body only has to be answered without a server error, and how a body is typed or encoded is left to the reader.
     */
    protected boolean readsBodies() {
        return true;
    }

    /** Waits until no background work of earlier tests can still add rows; nothing by default. */
    protected void settle() {
    }

    @BeforeEach
    void operations() {
        List<Operation> found = new ArrayList<>(ApiOperations.of());
        for (String extra : extraOperations()) {
            String[] parts = extra.split(" ", 2);
            List<String> pathParameters = new ArrayList<>();
            Matcher parameter = PATH_PARAMETER.matcher(parts[1]);
            while (parameter.find()) {
                pathParameters.add(parameter.group(1));
            }
            found.add(new Operation(parts[0], parts[1], pathParameters, List.of(), List.of(),
                    List.of("application/json"), List.of(), List.of(), false));
        }
        operations = found;
        failures.clear();
        exchanges = 0;
    }

    @Test
    void malformedBodiesAndRefusedTextAreRefusedAndStoreNothing() {
        settle();
        Map<String, Long> before = storedRows();
        for (Operation operation : operations) {
            if (!operation.takesJson()) {
                continue;
            }
            for (String token : withNoToken()) {
                for (Map.Entry<String, byte[]> body : HostileCorpus.bodies().entrySet()) {
                    refused(operation, "body " + body.getKey(), token,
                            send(operation, operation.pathWith(ApiOperations.WELL_FORMED_ID), "application/json",
                                    body.getValue(), token, List.of()));
                }
                for (Field field : operation.jsonFields()) {
                    for (Map.Entry<String, String> value : HostileCorpus.refusedValues().entrySet()) {
                        refused(operation, field.name() + " = " + value.getKey(), token,
                                sendJson(operation, operation.bodyWith(field.name(), value.getValue()), token));
                    }
                    refused(operation, field.name() + " repeated", token, sendJson(operation,
                            operation.bodyWith(field.name(), field.sample() + ",\"" + field.name() + "\":"
                                    + field.sample()), token));
                }
            }
        }
        Map<String, Long> after = storedRows();
        before.forEach((table, rows) -> {
            if (after.getOrDefault(table, 0L) > rows) {
                failures.add("refused requests stored rows in " + table + ": " + rows + " before, "
                        + after.get(table) + " after");
            }
        });
        report();
    }

    @Test
    void wrongTypesAndHostileButAcceptedTextNeverFail() {
        for (Operation operation : operations) {
            if (!operation.takesJson()) {
                continue;
            }
            for (String token : withNoToken()) {
                for (Field field : operation.jsonFields()) {
                    for (Map.Entry<String, String> value : HostileCorpus.wrongTypes().entrySet()) {
                        answered(operation, field.name() + " = " + value.getKey(), token,
                                sendJson(operation, operation.bodyWith(field.name(), value.getValue()), token));
                    }
                }
            }
            // every text field at once, so expensive endpoints (password hashing) run once per value
            String token = tokens().isEmpty() ? null : tokens().get(0);
            for (Map.Entry<String, String> value : HostileCorpus.acceptedButHostile().entrySet()) {
                answered(operation, "every text field = " + value.getKey(), token,
                        sendJson(operation, operation.bodyWithEveryText(value.getValue()), token));
            }
            for (String type : readsBodies() ? HostileCorpus.contentTypes() : List.<String>of()) {
                answered(operation, "Content-Type " + type, token, raw(operation,
                        operation.pathWith(ApiOperations.WELL_FORMED_ID), token, type,
                        operation.bodyWith("", "null").getBytes(StandardCharsets.UTF_8)));
            }
            String huge = "{\"x\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
            answered(operation, "a 2 MiB body", token, send(operation, operation.pathWith(ApiOperations.WELL_FORMED_ID),
                    "application/json", huge.getBytes(StandardCharsets.UTF_8), token, List.of()));
        }
        report();
    }

    @Test
    void hostileFormFieldsAreAnsweredWithProblems() {
        Assumptions.assumeTrue(operations.stream().anyMatch(Operation::takesForm), "no endpoint takes a form");
        for (Operation operation : operations) {
            if (!operation.takesForm()) {
                continue;
            }
            for (String token : withNoToken()) {
                for (String field : operation.formFields()) {
                    for (String value : HostileCorpus.queryValues()) {
                        StringBuilder form = new StringBuilder();
                        for (String each : operation.formFields()) {
                            form.append(form.isEmpty() ? "" : "&").append(each).append('=')
                                    .append(each.equals(field) ? value : "ada");
                        }
                        answered(operation, "form " + field + " = " + value, token, raw(operation,
                                operation.pathWith(ApiOperations.WELL_FORMED_ID), token,
                                "application/x-www-form-urlencoded", form.toString().getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        report();
    }

    @Test
    void hostilePathIdsAndQueryValuesAreAnsweredWithProblems() {
        for (Operation operation : operations) {
            for (String token : withNoToken()) {
                for (String parameter : operation.pathParameters()) {
                    for (String id : HostileCorpus.pathIds()) {
                        answered(operation, "path " + parameter + " = " + id, token,
                                raw(operation, operation.pathWith(parameter, id), token));
                    }
                }
                List<String> query = new ArrayList<>(operation.queryParameters());
                query.add("tenant");
                for (String parameter : query) {
                    for (String value : HostileCorpus.queryValues()) {
                        answered(operation, "query " + parameter + " = " + value, token, raw(operation,
                                operation.pathWith(ApiOperations.WELL_FORMED_ID) + "?" + parameter + "=" + value,
                                token));
                    }
                }
            }
            answered(operation, "a 6000-character query", null, raw(operation,
                    operation.pathWith(ApiOperations.WELL_FORMED_ID) + "?pad=" + "p".repeat(6_000), null));
        }
        report();
    }

    @Test
    void oddHeadersAreAnsweredWithProblems() {
        for (Operation operation : operations) {
            String token = tokens().isEmpty() ? null : tokens().get(0);
            for (Map.Entry<String, String> header : HostileCorpus.headers()) {
                if (!readsBodies() && header.getKey().equals("Content-Encoding")) {
                    continue; // how a body is encoded is the reader's business, and a proxy does not read it
                }
                boolean replacesToken = header.getKey().equals("Authorization");
                answered(operation, "header " + header.getKey() + ": " + abbreviate(header.getValue()), token,
                        send(operation, operation.pathWith(ApiOperations.WELL_FORMED_ID),
                                operation.takesJson() ? "application/json" : null,
                                operation.takesJson() ? "{}".getBytes(StandardCharsets.UTF_8) : null,
                                replacesToken ? null : token, List.of(header)));
            }
            answered(operation, "headers over 20 KiB", token, send(operation,
                    operation.pathWith(ApiOperations.WELL_FORMED_ID), null, null, token,
                    List.of(Map.entry("X-Pad", "h".repeat(8_000)), Map.entry("X-Pad-2", "h".repeat(8_000)),
                            Map.entry("X-Pad-3", "h".repeat(8_000)))));
        }
        report();
    }

    /**
     * The answer of one exchange, however it was sent; {@code belowHooks} when a layer under every handler gave it
     * (a bare status, documented in docs/errors.md).
     */
    protected record Answer(int status, String contentType, String body, boolean belowHooks) {
    }

    private List<String> withNoToken() {
        List<String> all = new ArrayList<>();
        all.add(null);
        all.addAll(tokens());
        return all;
    }

    private Answer sendJson(Operation operation, String body, String token) {
        return send(operation, operation.pathWith(ApiOperations.WELL_FORMED_ID), "application/json",
                body.getBytes(StandardCharsets.UTF_8), token, List.of());
    }

    private Answer send(Operation operation, String target, String contentType, byte[] body, String token,
            List<Map.Entry<String, String>> headers) {
        RequestSpecification request = given().config(RAW).urlEncodingEnabled(false).redirects().follow(false);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (Map.Entry<String, String> header : headers) {
            request.header(header.getKey(), header.getValue());
        }
        if (contentType != null) {
            request.contentType(contentType);
        }
        if (body != null) {
            request.body(body);
        }
        exchanges++;
        Response response = request.request(operation.method(), target);
        return new Answer(response.statusCode(), response.contentType(), response.asString(), false);
    }

    private Answer raw(Operation operation, String target, String token) {
        boolean bodyless = operation.method().equals("GET") || operation.method().equals("DELETE");
        return raw(operation, target, token, null, bodyless ? null : new byte[0]);
    }

    private Answer raw(Operation operation, String target, String token, String contentType, byte[] body) {
        StringBuilder head = new StringBuilder(operation.method()).append(' ').append(target)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        exchanges++;
        RawHttp.Answer answer = RawHttp.exchange(RestAssured.port, head.toString(), body);
        // Quarkus' root handler refuses a target java.net.URI cannot parse before any hook can answer (docs/errors.md)
        boolean belowHooks = answer.status() == 400 && answer.body().isEmpty() && !parsesAsUri(target);
        return new Answer(answer.status(), answer.header("Content-Type"), answer.body(), belowHooks);
    }

    private static boolean parsesAsUri(String target) {
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The request must be refused (4xx) with a problem, or with the operation's exempt error body. */
    private void refused(Operation operation, String variant, String token, Answer answer) {
        if (!readsBodies()) {
            answered(operation, variant, token, answer);
            return;
        }
        if (answer.status() < 400 || answer.status() >= 500) {
            failures.add(describe(operation, variant, token, answer) + ": expected a 4xx refusal");
            return;
        }
        answered(operation, variant, token, answer);
    }

    /** Any answer but a 5xx, and a 4xx is a problem whose status matches. */
    private void answered(Operation operation, String variant, String token, Answer answer) {
        if (answer.status() >= 500 || answer.status() < 100) {
            failures.add(describe(operation, variant, token, answer) + ": server error");
            return;
        }
        if (answer.status() < 400 || errorBodyIsExempt(operation)) {
            return;
        }
        if (answer.belowHooks()) {
            return;
        }
        String type = answer.contentType() == null ? "" : answer.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/problem+json")
                || !answer.body().contains("\"status\":" + answer.status())) {
            failures.add(describe(operation, variant, token, answer) + ": not a problem+json answer");
        }
    }

    private static String describe(Operation operation, String variant, String token, Answer answer) {
        return operation + " [" + abbreviate(variant) + (token == null ? "" : ", with a token") + "] -> "
                + answer.status() + " " + answer.contentType() + " " + abbreviate(answer.body());
    }

    private void report() {
        assertFalse(operations.isEmpty(), "the service declares no operation to test");
        assertTrue(exchanges > 0, "no request was sent");
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + exchanges + " hostile requests were mishandled:\n"
                    + String.join("\n", failures.subList(0, Math.min(failures.size(), 40))));
        }
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= 120 ? flat : flat.substring(0, 120) + "...";
    }
}
