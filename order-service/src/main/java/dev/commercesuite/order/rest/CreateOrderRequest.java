package dev.commercesuite.order.rest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.order.domain.Order;

/**
 * The body of {@code POST /api/v1/orders}: {@code {tenant?, email?, name?, items: [{productId, quantity}]}}; a guest
 * sends the shop's slug, an address and a name, a signed-in customer only the lines (and a name if they like).
 * <p>
 * Read from the parsed JSON tree by {@link #read(JsonNode, List)} rather than bound by Jackson, so that every broken
 * rule is named at once with its JSON path, and nothing is coerced: a price, an unknown field, a quantity of
 * {@code "5"} or {@code 1.5} is refused, never ignored or rounded. Prices come from the catalog only.
 */
@Schema(description = "A new order; tenant, email and name for guests, only items (and optionally name) with a token")
public record CreateOrderRequest(
        @Schema(description = "The shop's slug (guests only)", examples = "acme-shop") String tenant,
        @Schema(description = "The buyer's email address (guests only)", examples = "ada@example.com") String email,
        @Schema(description = "The buyer's name, 1 to 200 characters on one line", examples = "Ada Lovelace")
        String name,
        @Schema(description = "1 to 100 lines, each product once", required = true) List<Line> items) {

    /** Longest name accepted. */
    public static final int MAX_NAME_LENGTH = 200;

    /** One line: a product of the shop's catalog and how many units, 1 to 100. */
    public record Line(
            @Schema(description = "A product's id (UUID)", required = true) String productId,
            @Schema(description = "1 to 100", required = true, minimum = "1", maximum = "100") Integer quantity) {

        /** The product id; {@link #read(JsonNode, List)} has checked it is a UUID. */
        public UUID product() {
            return UUID.fromString(productId);
        }
    }

    private static final Set<String> FIELDS = Set.of("tenant", "email", "name", "items");
    private static final Set<String> LINE_FIELDS = Set.of("productId", "quantity");
    /** Fields a client might send to set a price; the catalog sets prices, so these are refused with that reason. */
    private static final Set<String> PRICE_FIELDS = Set.of("price", "unitPrice", "lineTotal", "subtotal", "total",
            "currency", "amount");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * The request in {@code body} as far as it can be read, adding a field error to {@code errors} for every broken
     * rule (the caller checks more rules before answering them all); null when the body is not an object.
     */
    public static CreateOrderRequest read(JsonNode body, List<Problem.FieldError> errors) {
        if (body == null || !body.isObject()) {
            errors.add(new Problem.FieldError("body", "must be a JSON object"));
            return null;
        }
        unknownFields(body, "", FIELDS, errors);
        String tenant = text(body, "tenant", errors);
        String email = text(body, "email", errors);
        String name = text(body, "name", errors);
        if (name != null && !validName(name)) {
            errors.add(new Problem.FieldError("name", "must be 1 to " + MAX_NAME_LENGTH
                    + " characters on one line"));
        }
        List<Line> items = items(body.get("items"), errors);
        return new CreateOrderRequest(tenant, email, name == null ? null : name.strip(), items);
    }

    private static List<Line> items(JsonNode items, List<Problem.FieldError> errors) {
        if (items == null || items.isNull()) {
            errors.add(new Problem.FieldError("items", "is required: 1 to " + Order.MAX_ITEMS + " lines"));
            return List.of();
        }
        if (!items.isArray()) {
            errors.add(new Problem.FieldError("items", "must be an array of lines"));
            return List.of();
        }
        if (items.isEmpty() || items.size() > Order.MAX_ITEMS) {
            errors.add(new Problem.FieldError("items", "must have 1 to " + Order.MAX_ITEMS + " lines"));
            return List.of();
        }
        List<Line> lines = new ArrayList<>();
        Map<String, Integer> firstLineOf = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "items[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                errors.add(new Problem.FieldError(at, "must be an object {productId, quantity}"));
                continue;
            }
            unknownFields(item, at + ".", LINE_FIELDS, errors);
            JsonNode productId = item.get("productId");
            String product = null;
            if (productId == null || productId.isNull()) {
                errors.add(new Problem.FieldError(at + ".productId", "is required"));
            } else if (!productId.isTextual() || !UUID_TEXT.matcher(productId.asText()).matches()) {
                errors.add(new Problem.FieldError(at + ".productId", "must be a product id (a UUID)"));
            } else {
                product = productId.asText().toLowerCase(Locale.ROOT);
                Integer first = firstLineOf.putIfAbsent(product, i);
                if (first != null) {
                    errors.add(new Problem.FieldError(at + ".productId", "is already on line items[" + first
                            + "]; order each product on one line"));
                }
            }
            JsonNode quantity = item.get("quantity");
            Integer units = null;
            if (quantity == null || quantity.isNull()) {
                errors.add(new Problem.FieldError(at + ".quantity", "is required"));
            } else if (!quantity.isIntegralNumber() || !quantity.canConvertToInt() || quantity.intValue() < 1
                    || quantity.intValue() > Order.MAX_QUANTITY) {
                errors.add(new Problem.FieldError(at + ".quantity", "must be a whole number from 1 to "
                        + Order.MAX_QUANTITY));
            } else {
                units = quantity.intValue();
            }
            lines.add(new Line(product, units));
        }
        return lines;
    }

    private static void unknownFields(JsonNode object, String prefix, Set<String> known,
            List<Problem.FieldError> errors) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (PRICE_FIELDS.contains(field)) {
                errors.add(new Problem.FieldError(prefix + field,
                        "must not be sent: prices and currencies come from the shop's catalog"));
            } else if (!known.contains(field)) {
                errors.add(new Problem.FieldError(prefix + field, "is not a field of this request"));
            }
        }
    }

    /** The text of an optional string field; a JSON null is the same as no field. */
    private static String text(JsonNode body, String field, List<Problem.FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new Problem.FieldError(field, "must be a string"));
            return null;
        }
        return value.asText();
    }

    private static boolean validName(String name) {
        String stripped = name.strip();
        return !stripped.isEmpty() && stripped.length() <= MAX_NAME_LENGTH && stripped.chars()
                .noneMatch(c -> c == '\n' || c == '\r' || c == '\t');
    }
}
