package dev.commercesuite.defaults.problem;

import java.util.ArrayDeque;

import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;

/** Names invalid values the way the client wrote them, for {@link Problem.FieldError#field()}. */
public final class FieldNames {

    private FieldNames() {
    }

    /**
     * The client's name of the invalid value: the JSON path inside a body ({@code items[0].quantity}), or the
     * parameter name for a query, path or header parameter. The Java method name never appears.
     */
    public static String of(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getKind() != ElementKind.PROPERTY && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            if (node.getName() == null || node.getName().startsWith("<")) {
                continue;
            }
            if (node.isInIterable() && !field.isEmpty()) {
                // the index or key names the element of the previous (iterable) node that holds this one
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(node.getName());
        }
        if (!field.isEmpty()) {
            return field.toString();
        }
        return parameter == null ? "body" : parameter;
    }

    /** The JSON path of the value Jackson could not bind, e.g. {@code lines[0].quantity}; empty for the root. */
    public static String of(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * The JSON path a parser had reached, e.g. {@code lines[0].sku}: where it stood when it refused the input (a key
     * repeated in one object); empty at the root.
     */
    public static String of(JsonStreamContext context) {
        ArrayDeque<String> steps = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                steps.addFirst("[" + Math.max(at.getCurrentIndex(), 0) + "]");
            } else if (at.getCurrentName() != null) {
                steps.addFirst("." + at.getCurrentName());
            }
        }
        String path = String.join("", steps);
        return path.startsWith(".") ? path.substring(1) : path;
    }
}
