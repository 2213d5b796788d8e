package dev.commercesuite.defaults.validation;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.deser.std.UntypedObjectDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Jackson deserializers that apply {@link Text} to every string a JSON body can carry: string values of any declared
 * type, map keys, and the strings inside a JSON tree or an untyped value. Installed on the application's
 * {@code ObjectMapper} by {@link StrictJson}, so a new endpoint's fields are covered without an annotation.
 */
final class TextDeserializers {

    private TextDeserializers() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("commercesuite-text");
        module.addDeserializer(String.class, new Strings());
        module.addKeyDeserializer(String.class, new Keys());
        module.addDeserializer(JsonNode.class, new Trees());
        module.addDeserializer(Object.class, new Untyped());
        return module;
    }

    /** String values, through Jackson's own reading (coercions, null handling), then checked. */
    static final class Strings extends StdScalarDeserializer<String> {

        private static final long serialVersionUID = 1L;

        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (!Text.isAcceptable(value)) {
                throw new InvalidTextException(p);
            }
            return value;
        }
    }

    static final class Keys extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            if (!Text.isAcceptable(key)) {
                throw new InvalidTextException(ctxt.getParser());
            }
            return key;
        }
    }

    /** JSON trees (a template's free-form {@code data}): every key and text node in the tree. */
    static final class Trees extends StdDeserializer<JsonNode> {

        private static final long serialVersionUID = 1L;

        Trees() {
            super(JsonNode.class);
        }

        @Override
        public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode tree = JsonNodeDeserializer.getDeserializer(JsonNode.class).deserialize(p, ctxt);
            check(tree, new ArrayDeque<>(), p);
            return tree;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return JsonNodeDeserializer.getDeserializer(JsonNode.class).getNullValue(ctxt);
        }

        private static void check(JsonNode node, Deque<Object> path, JsonParser p) throws InvalidTextException {
            if (node.isTextual()) {
                if (!Text.isAcceptable(node.textValue())) {
                    throw InvalidTextException.inside(p, new ArrayList<>(path));
                }
            } else if (node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    path.addLast(field.getKey());
                    if (!Text.isAcceptable(field.getKey())) {
                        throw InvalidTextException.inside(p, new ArrayList<>(path));
                    }
                    check(field.getValue(), path, p);
                    path.removeLast();
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    path.addLast(i);
                    check(node.get(i), path, p);
                    path.removeLast();
                }
            }
        }
    }

    /** Values declared as {@code Object} (maps and lists of anything): every key and string inside. */
    static final class Untyped extends StdDeserializer<Object> {

        private static final long serialVersionUID = 1L;
        // unresolved on purpose: with no custom map, list or string deserializers it reads plain maps and lists
        private static final UntypedObjectDeserializer VANILLA = new UntypedObjectDeserializer(null, null);

        Untyped() {
            super(Object.class);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = VANILLA.deserialize(p, ctxt);
            check(value, new ArrayDeque<>(), p);
            return value;
        }

        @Override
        public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer types)
                throws IOException {
            Object value = VANILLA.deserializeWithType(p, ctxt, types);
            check(value, new ArrayDeque<>(), p);
            return value;
        }

        private static void check(Object value, Deque<Object> path, JsonParser p) throws InvalidTextException {
            if (value instanceof String text) {
                if (!Text.isAcceptable(text)) {
                    throw InvalidTextException.inside(p, new ArrayList<>(path));
                }
            } else if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String key = String.valueOf(entry.getKey());
                    path.addLast(key);
                    if (!Text.isAcceptable(key)) {
                        throw InvalidTextException.inside(p, new ArrayList<>(path));
                    }
                    check(entry.getValue(), path, p);
                    path.removeLast();
                }
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    path.addLast(i);
                    check(list.get(i), path, p);
                    path.removeLast();
                }
            }
        }
    }
}
