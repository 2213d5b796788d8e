package dev.commercesuite.defaults.retry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void aDataExceptionFromTheDatabaseIsPermanentHoweverDeepItIsWrapped() {
        SQLException nul = new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
        assertTrue(Failures.permanent(nul));
        assertTrue(Failures.permanent(new IllegalStateException("could not read", new RuntimeException(nul))));
    }

    @Test
    void anIllegalArgumentIsPermanent() {
        assertTrue(Failures.permanent(new IllegalArgumentException("not an address")));
        assertTrue(Failures.permanent(new IllegalStateException("wrapped", new IllegalArgumentException("bad"))));
    }

    @Test
    void outagesAndOtherSqlErrorsAreTransient() {
        assertFalse(Failures.permanent(new SQLTransientConnectionException("connection refused", "08001")));
        assertFalse(Failures.permanent(new IllegalStateException("could not store", new SQLException("deadlock", "40P01"))));
        assertFalse(Failures.permanent(new RuntimeException(new IOException("connection reset"))));
        assertFalse(Failures.permanent(new SQLException("no state")));
        assertFalse(Failures.permanent(new IllegalStateException()));
    }
}
