package dev.commercesuite.defaults.testing;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a hostile client sends, shared by every service's {@link HostileInputTests}: bodies that are not the JSON an
 * endpoint expects, values for one field of an otherwise well-shaped body, path ids, query values and headers. JSON
 * values are JSON text (escapes included), so a test can send characters no Java string encodes to UTF-8.
 */
public final class HostileCorpus {

    private HostileCorpus() {
    }

    /** Whole bodies, by name, as bytes: malformed JSON, wrong structure, broken encodings, parser bombs. */
    public static Map<String, byte[]> bodies() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        for (String text : List.of("", " ", "{", "}", "[", "{\"a\":}", "{'a':1}", "{a:1}", "{\"a\":1,}",
                "{\"a\":1}{", "{\"a\":1} trailing", "null", "true", "0", "-1", "\"text\"", "[]", "[{}]", "[null]",
                "/* comment */ {}", "{\"a\":NaN}", "{\"a\":1e999999}",
                "{\"a\":" + "9".repeat(2_000) + "}", "[".repeat(5_000), "{\"a\":".repeat(3_000),
                "{\"a\":\"\\u0000\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"unterminated}", "{\"a\":\"\\x41\"}",
                "{\"a\":1,\"a\":{}}", "\u0000", "<xml/>", "a=1&b=2")) {
            bodies.put("text " + abbreviate(text), text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.put("byte order mark then {}", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'});
        bodies.put("UTF-16 {}", "{}".getBytes(StandardCharsets.UTF_16));
        bodies.put("overlong NUL in a string", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0x80,
            '"', '}'});
        bodies.put("invalid UTF-8 in a string", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'});
        bodies.put("encoded surrogate in a string", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED,
            (byte) 0xA0, (byte) 0x80, '"', '}'});
        bodies.put("raw control byte in a string", new byte[] {'{', '"', 'a', '"', ':', '"', 0x01, '"', '}'});
        return bodies;
    }

    /**
     * Values one field of a well-shaped body may take that every endpoint must refuse: characters the text rule
     * refuses, and values of the wrong type. As JSON text.
     */
    public static Map<String, String> refusedValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("NUL", "\"\\u0000\"");
        values.put("NUL inside", "\"ada\\u0000@example.com\"");
        values.put("escape sequence", "\"\\u001b[2J\"");
        values.put("DEL", "\"a\\u007fb\"");
        values.put("C1 control", "\"a\\u0085b\"");
        values.put("right-to-left override", "\"invoice\\u202egnp.exe\"");
        values.put("lone high surrogate", "\"a\\ud800\"");
        values.put("lone low surrogate", "\"\\udc00b\"");
        values.put("array of NUL", "[\"\\u0000\"]");
        values.put("object with NUL", "{\"k\":\"\\u0000\"}");
        return values;
    }

    /** Values of the wrong type or shape for a field; refused wherever the field is not free-form. */
    public static Map<String, String> wrongTypes() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("number", "12345678901234567890");
        values.put("boolean", "true");
        values.put("array", "[1,2]");
        values.put("object", "{}");
        values.put("null", "null");
        values.put("huge number", "1e400");
        return values;
    }

    /** Text the rule lets through, which must still never fail: injections, odd Unicode, long values. As JSON. */
    public static Map<String, String> acceptedButHostile() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("SQL injection", "\"' OR '1'='1' --\"");
        values.put("SQL statement", "\"x'); DROP TABLE users; --\"");
        values.put("JNDI lookup", "\"${jndi:ldap://127.0.0.1/a}\"");
        values.put("template expression", "\"{{7*7}} {#for x in 1..9}{/for}\"");
        values.put("markup", "\"<script>alert(1)</script>\"");
        values.put("path traversal", "\"../../../etc/passwd\"");
        values.put("percent escapes", "\"%00%0d%0a\"");
        values.put("header injection", "\"a\\r\\nBcc: victim@example.com\"");
        values.put("empty", "\"\"");
        values.put("blank", "\"   \"");
        values.put("long", "\"" + "a".repeat(10_000) + "\"");
        values.put("emoji", "\"" + "\\ud83d\\ude00".repeat(50) + "\"");
        values.put("fullwidth", "\"ｅｘａｍｐｌｅ\"");
        values.put("combining marks", "\"a\\u0301\\u0301\\u0301\"");
        values.put("right-to-left mark", "\"\\u200fabc\"");
        values.put("byte order mark", "\"\\ufeffabc\"");
        values.put("dotted capital I", "\"\\u0130STANBUL@EXAMPLE.COM\"");
        return values;
    }

    /** Path ids, percent-encoded as sent: refused characters, malformed escapes, traversal, odd sizes. */
    public static List<String> pathIds() {
        return List.of("0", "-1", "99999999999999999999999", "00000000-0000-0000-0000-000000000000",
                "not-a-uuid", "%00", "a%00b", "%0d%0aX-Injected:%20yes", "%C0%80", "%ED%A0%80", "%FF", "%E2%80%AE",
                "%2e%2e%2f%2e%2e%2f", "..%2f..%2f", "%252e%252e", "'%20OR%201=1", "%3Cscript%3E", "null",
                "a".repeat(300), "%F0%9F%98%80", ";jsessionid=1");
    }

    /** Query values, percent-encoded as sent. */
    public static List<String> queryValues() {
        return List.of("", "%00", "a%00", "%1B", "%7F", "%C2%85", "%C0%80", "%ED%A0%80", "%FF", "%E2%80%AE", "%zz",
                "-1", "0", "99999999999999999999", "1e9", "true", "'%20OR%201=1--", "a".repeat(1_000), "%25",
                "%2C%2C", "x&x=y");
    }

    /** Odd headers, by name and value. Values hold no control characters: the HTTP codec refuses those first. */
    public static List<Map.Entry<String, String>> headers() {
        return List.of(
                Map.entry("Authorization", "Bearer"),
                Map.entry("Authorization", "Bearer "),
                Map.entry("Authorization", "Bearer a.b.c"),
                Map.entry("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4IiwiZ3JvdXBzIjpbImFkbWluIl19."),
                Map.entry("Authorization", "Bearer " + "x".repeat(8_000)),
                Map.entry("Authorization", "Basic Zm9vOmJhcg=="),
                Map.entry("Authorization", "Basic !!!"),
                Map.entry("Authorization", "Negotiate abc"),
                Map.entry("Accept", "application/xml"),
                Map.entry("Accept", "*/*;q=abc"),
                Map.entry("Accept-Charset", "utf-7"),
                Map.entry("Accept-Language", "xx-" + "a".repeat(200)),
                Map.entry("Content-Encoding", "gzip"),
                Map.entry("X-Request-Id", "../../etc/passwd"),
                Map.entry("X-Request-Id", "x".repeat(500)),
                Map.entry("Idempotency-Key", ""),
                Map.entry("Idempotency-Key", "   "),
                Map.entry("Idempotency-Key", "k".repeat(2_000)),
                Map.entry("Idempotency-Key", "%00"),
                Map.entry("X-Forwarded-For", "not-an-ip, 999.999.999.999"),
                Map.entry("Origin", "null"),
                Map.entry("Cookie", "__Host-csrf=" + "c".repeat(3_000)),
                Map.entry("User-Agent", "\u00c3\u00a9\u00e2\u0082\u00ac"));
    }

    /** Content types a JSON endpoint may be sent, besides its own. */
    public static List<String> contentTypes() {
        return List.of("application/json; charset=utf-16", "application/json; charset=bogus", "text/plain",
                "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/json; boundary=\"", "*/*", "application/problem+json");
    }

    private static String abbreviate(String text) {
        return text.length() <= 24 ? text : text.substring(0, 24) + "... (" + text.length() + " chars)";
    }
}
