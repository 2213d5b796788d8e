package dev.commercesuite.defaults.validation;

/**
 * The characters the suite refuses in any text a client sends: a JSON string or key, a query or path parameter, a
 * form field or a header. Text is Unicode the client means to show or store; these characters are never that, and
 * some break what comes next (PostgreSQL refuses NUL, a mail header or a log line can be split, a bidirectional
 * override makes text read differently from how it is stored).
 *
 * <p>Refused: the C0 controls except TAB, LF and CR (multi-line text such as a note keeps its line breaks), DEL, the
 * C1 controls (U+0080 to U+009F), the bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to
 * U+2069), and a surrogate that is not half of a pair (it cannot be encoded as UTF-8). Everything else passes,
 * including the left-to-right and right-to-left marks and the zero-width joiner that real names and emoji use.
 */
public final class Text {

    /** The message of a field error for refused text, the same wherever the text came from. */
    public static final String MESSAGE = "must not contain control characters or unpaired surrogates";

    private Text() {
    }

    /** Whether {@code text} holds no refused character; {@code null} is acceptable (absence is checked elsewhere). */
    public static boolean isAcceptable(String text) {
        return text == null || firstRefused(text) < 0;
    }

    /** The index of the first refused character of {@code text}, or -1 when there is none. */
    public static int firstRefused(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                continue; // printable ASCII, the common case
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c) || isRefused(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether one BMP character is refused (surrogates are judged by {@link #firstRefused} in context). */
    public static boolean isRefused(char c) {
        if (c < 0x20) {
            return c != '\t' && c != '\n' && c != '\r';
        }
        return (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }
}
