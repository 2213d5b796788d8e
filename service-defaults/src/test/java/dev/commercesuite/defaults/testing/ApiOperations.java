package dev.commercesuite.defaults.testing;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The operations a running service declares in its own OpenAPI document ({@code /q/openapi}), read once per test so
 * an endpoint added tomorrow is exercised without editing the test.
 */
public final class ApiOperations {

    /** One declared field of a JSON request body, with a well-shaped JSON value for it. */
    public record Field(String name, String sample) {
    }

    /**
     * One operation: method, path template ({@code /api/v1/tenants/{tenantId}/api-keys}), its path, query and header
     * parameter names, the media types its body may have, its JSON body's fields, and whether it answers HTML.
     */
    public record Operation(String method, String path, List<String> pathParameters, List<String> queryParameters,
            List<String> headerParameters, List<String> bodyTypes, List<Field> jsonFields, List<String> formFields,
            boolean answersHtml) {

        public boolean takesJson() {
            return bodyTypes.stream().anyMatch(type -> type.contains("json"));
        }

        public boolean takesForm() {
            return bodyTypes.contains("application/x-www-form-urlencoded");
        }

        /** The path with every parameter set to {@code value} (already percent-encoded). */
        public String pathWith(String value) {
            String result = path;
            for (String parameter : pathParameters) {
                result = result.replace("{" + parameter + "}", value);
            }
            return result;
        }

        /** The path with one parameter set to {@code value} and the others to a well-formed id. */
        public String pathWith(String parameter, String value) {
            String result = path.replace("{" + parameter + "}", value);
            for (String other : pathParameters) {
                result = result.replace("{" + other + "}", WELL_FORMED_ID);
            }
            return result;
        }

        /** A JSON body with every declared field well shaped, except {@code field} set to {@code json}. */
        public String bodyWith(String field, String json) {
            StringBuilder body = new StringBuilder("{");
            for (Field each : jsonFields) {
                if (body.length() > 1) {
                    body.append(',');
                }
                body.append('"').append(each.name()).append("\":")
                        .append(each.name().equals(field) ? json : each.sample());
            }
            return body.append('}').toString();
        }

        /** A JSON body with every declared string field set to {@code json}, the others well shaped. */
        public String bodyWithEveryText(String json) {
            StringBuilder body = new StringBuilder("{");
            for (Field each : jsonFields) {
                if (body.length() > 1) {
                    body.append(',');
                }
                body.append('"').append(each.name()).append("\":")
                        .append(each.sample().startsWith("\"") ? json : each.sample());
            }
            return body.append('}').toString();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A path id that parses as a UUID but names nothing. */
    public static final String WELL_FORMED_ID = "01900000-0000-7000-8000-000000000000";

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private ApiOperations() {
    }

    /** Every operation of the running service's OpenAPI document, but the operations endpoints under {@code /q/}. */
    public static List<Operation> of() {
        String document = given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString();
        try {
            return parse(new ObjectMapper().readTree(document));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the service's OpenAPI document is not JSON", e);
        }
    }

    static List<Operation> parse(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        JsonNode schemas = document.path("components").path("schemas");
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (path.getKey().startsWith("/q/")) {
                continue;
            }
            for (String method : METHODS) {
                JsonNode operation = path.getValue().path(method);
                if (operation.isMissingNode()) {
                    continue;
                }
                List<String> pathParameters = new ArrayList<>();
                List<String> queryParameters = new ArrayList<>();
                List<String> headerParameters = new ArrayList<>();
                List<JsonNode> parameters = new ArrayList<>();
                path.getValue().path("parameters").forEach(parameters::add);
                operation.path("parameters").forEach(parameters::add);
                for (JsonNode parameter : parameters) {
                    String name = parameter.path("name").asText();
                    switch (parameter.path("in").asText()) {
                        case "path" -> addOnce(pathParameters, name);
                        case "query" -> addOnce(queryParameters, name);
                        case "header" -> addOnce(headerParameters, name);
                        default -> {
                        }
                    }
                }
                JsonNode content = operation.path("requestBody").path("content");
                List<String> bodyTypes = new ArrayList<>();
                content.fieldNames().forEachRemaining(bodyTypes::add);
                List<Field> fields = new ArrayList<>();
                JsonNode json = content.path("application/json").path("schema");
                JsonNode properties = resolve(json, schemas).path("properties");
                properties.fields().forEachRemaining(
                        property -> fields.add(new Field(property.getKey(), sample(property.getValue(), schemas))));
                List<String> formFields = new ArrayList<>();
                resolve(content.path("application/x-www-form-urlencoded").path("schema"), schemas).path("properties")
                        .fieldNames().forEachRemaining(formFields::add);
                boolean html = operation.path("responses").toString().toLowerCase(Locale.ROOT).contains("text/html");
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), pathParameters,
                        queryParameters, headerParameters, bodyTypes, fields, formFields, html));
            }
        }
        return operations;
    }

    private static void addOnce(List<String> names, String name) {
        if (!names.contains(name)) {
            names.add(name);
        }
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
            return schemas.path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    /** A well-shaped JSON value for a property schema: what a careless but honest client would send. */
    private static String sample(JsonNode property, JsonNode schemas) {
        JsonNode schema = resolve(property, schemas);
        if (schema.has("enum") && schema.path("enum").size() > 0) {
            return schema.path("enum").get(0).toString();
        }
        String format = schema.path("format").asText("");
        return switch (schema.path("type").asText("object")) {
            case "string" -> switch (format) {
                case "uuid" -> "\"" + WELL_FORMED_ID + "\"";
                case "date-time" -> "\"2026-01-01T00:00:00Z\"";
                case "date" -> "\"2026-01-01\"";
                case "email" -> "\"ada@example.com\"";
                default -> "\"ada\"";
            };
            case "integer", "number" -> "1";
            case "boolean" -> "false";
            case "array" -> "[]";
            default -> "{}";
        };
    }
}
