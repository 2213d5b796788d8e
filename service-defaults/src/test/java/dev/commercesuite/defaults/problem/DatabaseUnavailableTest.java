package dev.commercesuite.defaults.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** Which failures mean "no database connection now" (answered 503 with Retry-After) rather than a bug (500). */
class DatabaseUnavailableTest {

    @Test
    void connectionFailuresAnywhereInTheCauseChainAreUnavailability() {
        assertTrue(ProblemExceptionMappers.databaseUnavailable(
                new IllegalStateException("wrapped", new SQLException("Connection refused", "08001"))));
        assertTrue(ProblemExceptionMappers.databaseUnavailable(
                new RuntimeException(new SQLException("the database system is starting up", "57P03"))));
        assertTrue(ProblemExceptionMappers.databaseUnavailable(
                new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01"))));
        assertTrue(ProblemExceptionMappers.databaseUnavailable(
                new SQLException("Acquisition timeout while waiting for new connection")));
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertFalse(ProblemExceptionMappers.databaseUnavailable(new SQLException("syntax error", "42601")));
        assertFalse(ProblemExceptionMappers.databaseUnavailable(new SQLException("deadlock detected", "40P01")));
        assertFalse(ProblemExceptionMappers.databaseUnavailable(new IllegalStateException("a bug")));
    }
}
