package dev.commercesuite.defaults.logging;

import java.util.regex.Pattern;

/** Keeps personal data out of log lines: what reaches logs (and Sentry) passes through here first. */
public final class LogMasking {

    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+)");

    private LogMasking() {
    }

    /** {@code ada.lovelace@example.com} becomes {@code a***@example.com}, wherever it appears in {@code text}. */
    public static String maskEmails(String text) {
        return text == null ? null : EMAIL.matcher(text).replaceAll("$1***@$2");
    }
}
