package dev.commercesuite.defaults.validation;

import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON string or key holding a character {@link Text} refuses. A {@link MismatchedInputException}, so Jackson
 * records the path of the field around it ({@code lines[0].sku}) on its way out, and the problem names that field.
 */
public class InvalidTextException extends MismatchedInputException {

    private static final long serialVersionUID = 1L;

    InvalidTextException(JsonParser parser) {
        super(parser, "text with a refused character", String.class);
    }

    /**
     * Refused text found inside a value already read (a JSON tree, an untyped map): {@code inside} is its path from
     * that value, keys as strings and array indexes as integers; Jackson adds the path leading to the value.
     */
    static InvalidTextException inside(JsonParser parser, List<Object> inside) {
        InvalidTextException e = new InvalidTextException(parser);
        for (int i = inside.size() - 1; i >= 0; i--) {
            Object step = inside.get(i);
            if (step instanceof Integer index) {
                e.prependPath(new JsonMappingException.Reference(null, index));
            } else {
                e.prependPath(new JsonMappingException.Reference(null, (String) step));
            }
        }
        return e;
    }
}
