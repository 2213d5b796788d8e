package dev.commercesuite.order.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The fingerprint an {@code Idempotency-Key} is bound to: SHA-256 of the method, the path and the body as parsed JSON
 * written canonically (object keys sorted, no white space), so the same request sent with its keys in another order
 * or spaced differently is the same request, and any change of a value is a different one.
 */
final class RequestFingerprint {

    private RequestFingerprint() {
    }

    static byte[] of(String method, String path, JsonNode body) {
        StringBuilder canonical = new StringBuilder(method).append(' ').append(path).append('\n');
        write(body, canonical);
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** {@code node} as canonical JSON. */
    static String canonical(JsonNode node) {
        StringBuilder json = new StringBuilder();
        write(node, json);
        return json.toString();
    }

    private static void write(JsonNode node, StringBuilder json) {
        if (node == null || node.isMissingNode()) {
            json.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            json.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                json.append(TextNode.valueOf(names.get(i))).append(':');
                write(node.get(names.get(i)), json);
            }
            json.append('}');
        } else if (node.isArray()) {
            json.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                write(node.get(i), json);
            }
            json.append(']');
        } else {
            json.append(node); // a value node writes itself as JSON: quoted and escaped, or the number as read
        }
    }
}
