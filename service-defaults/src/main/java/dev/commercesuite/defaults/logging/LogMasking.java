package dev.commercesuite.defaults.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps personal data and credentials out of log lines: what reaches logs (and Sentry) passes through here first. */
public final class LogMasking {

    /** What stands in for a removed credential. */
    public static final String REDACTED = "[redacted]";

    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+)");
    /** A JSON Web Token: three base64url parts, the first two JSON objects ({@code eyJ} is {@code {"}). */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");
    /** The credential after an HTTP authentication scheme, wherever a header was quoted. */
    private static final Pattern SCHEME_CREDENTIAL = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");
    /** Stripe's keys and webhook secrets, and the suite's own API keys ({@code cs_live_...}). */
    private static final Pattern API_KEY = Pattern.compile("\\b(?:(?:sk|rk|pk|cs)_(?:live|test)|whsec)_[A-Za-z0-9_+/=]+");
    /**
     * A secret's value after its name, as a header, JSON field, form field or query parameter writes it:
     * {@code Authorization: x}, {@code "password":"x"}, {@code token=x}.
     */
    private static final Pattern NAMED_SECRET = Pattern.compile("(?i)(\"?\\b(?:authorization|password|passwd|"
            + "new_?password|current_?password|secret|client_?secret|token|access_?token|refresh_?token|api_?key|"
            + "cookie|set-cookie)\"?\\s*[:=]\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s,;&}\\]]+)");

    private LogMasking() {
    }

    /** {@code ada.lovelace@example.com} becomes {@code a***@example.com}, wherever it appears in {@code text}. */
    public static String maskEmails(String text) {
        return text == null ? null : EMAIL.matcher(text).replaceAll("$1***@$2");
    }

    /**
     * Removes credentials (tokens, JWTs, API keys, passwords and other named secrets) and masks email addresses,
     * wherever they appear in {@code text}: for text that may quote a request or a third party's answer.
     */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String scrubbed = JWT.matcher(text).replaceAll(REDACTED);
        scrubbed = SCHEME_CREDENTIAL.matcher(scrubbed).replaceAll("$1 " + REDACTED);
        scrubbed = API_KEY.matcher(scrubbed).replaceAll(REDACTED);
        scrubbed = NAMED_SECRET.matcher(scrubbed).replaceAll(match -> Matcher.quoteReplacement(match.group(1)
                + (match.group(2).startsWith("\"") ? "\"" + REDACTED + "\"" : REDACTED)));
        return maskEmails(scrubbed);
    }
}
