package dev.commercesuite.defaults.retry;

import java.sql.SQLException;

/**
 * Tells failures that a later attempt can cure (a network error, a timeout, a database that is away) from those it
 * cannot: a message with data the database refuses (SQLState class 22, "data exception": a NUL character, a value
 * out of range) or that the code refuses as an argument. Queues give the second kind up at once, so one poison
 * message is dead instead of retried forever.
 */
public final class Failures {

    /** SQLState class 22: data exception. */
    private static final String DATA_EXCEPTION_CLASS = "22";
    private static final int MAX_DEPTH = 16;

    private Failures() {
    }

    /** Whether {@code failure}, or any of its causes, is a data error that retrying the same input cannot fix. */
    public static boolean permanent(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
            if (cause instanceof IllegalArgumentException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(DATA_EXCEPTION_CLASS)) {
                return true;
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return false;
    }
}
