package dev.commercesuite.order.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;

import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.order.domain.ProductDetails;

/**
 * Reads a product's fields from a JSON body, strictly: every field must have its JSON type (a price is a whole number,
 * never {@code "12"} or {@code 12.5}), and a field that is not a product's settable field is refused. Each refusal is
 * a 400 naming the field; the values' rules (ranges, patterns, the currency) are the domain's
 * ({@link ProductDetails#violations()}), checked by the catalog service.
 */
final class ProductFields {

    /** What the server sets: a client may not. */
    private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt");

    private ProductFields() {
    }

    /** The details of a new product: what the body says over the defaults (active, unlimited stock). */
    static ProductDetails forCreate(JsonNode body) {
        return changes(body).apply(new ProductDetails(null, null, null, null, null, null, true));
    }

    /**
     * A JSON merge patch (RFC 7396) of a product: the fields present replace the current ones, null included (which
     * removes a description or makes the stock unlimited, and is refused for a required field); absent fields stay.
     */
    static UnaryOperator<ProductDetails> forPatch(JsonNode body) {
        return changes(body);
    }

    private static UnaryOperator<ProductDetails> changes(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new NotAJsonObjectException();
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        List<UnaryOperator<ProductDetails>> changes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case "sku" -> text(name, value, errors).ifPresent(v -> changes.add(d -> d.withSku(v.value())));
                case "name" -> text(name, value, errors).ifPresent(v -> changes.add(d -> d.withName(v.value())));
                case "description" -> text(name, value, errors)
                        .ifPresent(v -> changes.add(d -> d.withDescription(v.value())));
                case "currency" -> text(name, value, errors)
                        .ifPresent(v -> changes.add(d -> d.withCurrency(v.value())));
                case "price" -> price(value, errors).ifPresent(v -> changes.add(d -> d.withPrice(v.value())));
                case "stock" -> stock(value, errors).ifPresent(v -> changes.add(d -> d.withStock(v.value())));
                case "active" -> active(value, errors).ifPresent(v -> changes.add(d -> d.withActive(v.value())));
                default -> errors.add(new Problem.FieldError(name, READ_ONLY.contains(name)
                        ? "is set by the server and cannot be changed" : "is not a field of a product"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return details -> {
            ProductDetails changed = details;
            for (UnaryOperator<ProductDetails> change : changes) {
                changed = change.apply(changed);
            }
            return changed;
        };
    }

    /** A value read from JSON; {@code value} may be null (the client sent null). */
    private record Value<T>(T value) {
    }

    private static Optional<Value<String>> text(String field, JsonNode value,
            List<Problem.FieldError> errors) {
        if (value.isNull()) {
            return Optional.of(new Value<>(null));
        }
        if (!value.isTextual()) {
            errors.add(new Problem.FieldError(field, "must be a string"));
            return Optional.empty();
        }
        return Optional.of(new Value<>(value.textValue()));
    }

    private static Optional<Value<Long>> price(JsonNode value, List<Problem.FieldError> errors) {
        if (value.isNull()) {
            return Optional.of(new Value<>(null));
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            errors.add(new Problem.FieldError("price", ProductDetails.PRICE_RULE));
            return Optional.empty();
        }
        return Optional.of(new Value<>(value.longValue()));
    }

    private static Optional<Value<Integer>> stock(JsonNode value, List<Problem.FieldError> errors) {
        if (value.isNull()) {
            return Optional.of(new Value<>(null));
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            errors.add(new Problem.FieldError("stock", ProductDetails.STOCK_RULE));
            return Optional.empty();
        }
        return Optional.of(new Value<>(value.intValue()));
    }

    private static Optional<Value<Boolean>> active(JsonNode value, List<Problem.FieldError> errors) {
        if (value.isNull()) {
            return Optional.of(new Value<>(null));
        }
        if (!value.isBoolean()) {
            errors.add(new Problem.FieldError("active", "must be true or false"));
            return Optional.empty();
        }
        return Optional.of(new Value<>(value.booleanValue()));
    }

    /** The body is JSON but not an object (an array, a string, null): answered as {@code malformed-json}. */
    static final class NotAJsonObjectException extends RuntimeException {

        NotAJsonObjectException() {
            super("the body is not a JSON object");
        }
    }
}
