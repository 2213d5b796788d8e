package dev.commercesuite.defaults.requestid;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.problem.ProblemExceptionMappers;
import io.quarkus.test.junit.QuarkusTest;

/** Log lines written while serving a request carry its request id in the logging context. */
@QuarkusTest
class LoggingContextTest {

    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                ext.copyMdc(); // snapshot the logging context of the thread that logged
                records.add(ext);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        Logger.getLogger(ProblemExceptionMappers.class.getName()).addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger(ProblemExceptionMappers.class.getName()).removeHandler(capture);
    }

    @Test
    void errorLoggedWhileServingARequestCarriesItsRequestId() {
        given().header("X-Request-Id", "log-context-0042")
                .when().get("/probe/boom")
                .then().statusCode(500);
        assertFalse(records.isEmpty(), "the unexpected error was not logged");
        assertEquals("log-context-0042", records.get(0).getMdc(RequestId.MDC_KEY));
    }

    @Test
    void eachRequestLogsItsOwnId() {
        given().header("X-Request-Id", "first-request-01").when().get("/probe/boom");
        given().header("X-Request-Id", "second-request-02").when().get("/probe/boom");
        assertEquals(List.of("first-request-01", "second-request-02"),
                records.stream().map(r -> r.getMdc(RequestId.MDC_KEY)).toList());
    }
}
