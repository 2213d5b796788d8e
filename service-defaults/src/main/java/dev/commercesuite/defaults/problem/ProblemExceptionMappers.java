package dev.commercesuite.defaults.problem;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.commercesuite.defaults.validation.InvalidTextException;
import dev.commercesuite.defaults.validation.Text;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Turns every exception that leaves a REST resource into a problem+json answer. Client mistakes become 4xx with a
 * precise, safe detail; anything else becomes a 500 that is logged with its stack trace but shows the client only the
 * request id.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);
    private static final String UNDECODABLE_FORM = "Failed to decode URL ";

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof JacksonException json) {
            return jsonProblem(json, request);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed with a server error", e);
        }
        Response problem = Problems.response(Problems.of(ProblemType.forStatus(status), status,
                Problems.defaultDetail(status), request.path()));
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            return Response.fromResponse(problem).header(HttpHeaders.ALLOW, allow).build();
        }
        return problem;
    }

    /** No or invalid credentials: 401 with the Bearer challenge. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, HttpServerRequest request) {
        return Response.fromResponse(Problems.response(Problems.of(ProblemType.UNAUTHORIZED, 401,
                Problems.defaultDetail(401), request.path())))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return Problems.response(Problems.of(ProblemType.FORBIDDEN, 403, Problems.defaultDetail(403),
                request.path()));
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e, HttpServerRequest request) {
        return violationResponse(e, request);
    }

    @ServerExceptionMapper
    public Response restViolations(ResteasyReactiveViolationException e, HttpServerRequest request) {
        boolean aboutResponse = e.getConstraintViolations().stream()
                .anyMatch(violation -> hasNode(violation.getPropertyPath(), ElementKind.RETURN_VALUE));
        return aboutResponse ? unexpected(e, request) : violationResponse(e, request);
    }

    /**
     * A body that cannot be read at all, such as a multipart or form body cut short or a connection dropped mid-body:
     * the client's doing, so a 400 rather than a 500. JSON's own read errors ({@link JacksonException}, also an
     * {@code IOException}) have their more specific mappers below.
     */
    @ServerExceptionMapper
    public Response unreadableBody(java.io.IOException e, HttpServerRequest request) {
        return Problems.response(Problems.of(ProblemType.BAD_REQUEST, 400, "The request body could not be read.",
                request.path()));
    }

    @ServerExceptionMapper
    public Response json(JacksonException e, HttpServerRequest request) {
        if (e.getProcessor() instanceof JsonGenerator) {
            return unexpected(e, request); // writing a response failed: ours, not the client's
        }
        return jsonProblem(e, request);
    }

    private Response jsonProblem(JacksonException e, HttpServerRequest request) {
        InvalidTextException text = causeOfType(e, InvalidTextException.class);
        if (text != null) {
            return invalidText(text, request);
        }
        StreamReadException duplicate = duplicateKey(e);
        if (duplicate != null) {
            return duplicateKey(duplicate, request);
        }
        if (e instanceof InvalidDefinitionException definition) {
            return invalidDefinition(definition, request);
        }
        if (e instanceof MismatchedInputException mismatch) {
            return mismatchedInput(mismatch, request);
        }
        if (e instanceof JsonParseException parse) {
            return malformedJson(parse, request);
        }
        String field = e instanceof JsonMappingException mapping ? FieldNames.of(mapping) : "";
        return Problems.response(Problems.of(ProblemType.MALFORMED_JSON, 400,
                field.isEmpty() ? "The request body could not be read as JSON."
                        : "The request body could not be read as JSON at '" + field + "'.",
                request.path()));
    }

    /**
     * Jackson could not find a way to bind the body to the endpoint's type: while reading a request this is what the
     * client sent (a repeated key or an object where a one-field record expected its value), so a 400; while writing
     * a response it is a bug of ours, so a 500.
     */
    @ServerExceptionMapper
    public Response invalidDefinition(InvalidDefinitionException e, HttpServerRequest request) {
        if (e.getProcessor() instanceof JsonGenerator || !(e.getProcessor() instanceof JsonParser)) {
            return unexpected(e, request);
        }
        String field = FieldNames.of(e);
        return Problems.response(Problems.of(ProblemType.MALFORMED_JSON, 400,
                field.isEmpty() ? "The request body does not have the expected JSON structure."
                        : "The request body does not have the expected JSON structure at '" + field + "'.",
                request.path()));
    }

    /** A string of the body holds a character {@link Text} refuses. */
    @ServerExceptionMapper
    public Response invalidText(InvalidTextException e, HttpServerRequest request) {
        String field = FieldNames.of(e);
        return Problems.response(Problems.of(ProblemType.VALIDATION_FAILED, 400, "The request has 1 invalid field.",
                request.path(), List.of(new Problem.FieldError(field.isEmpty() ? "body" : field, Text.MESSAGE))));
    }

    private static Response duplicateKey(StreamReadException e, HttpServerRequest request) {
        String field = e.getProcessor() instanceof JsonParser parser ? FieldNames.of(parser.getParsingContext()) : "";
        return Problems.response(Problems.of(ProblemType.VALIDATION_FAILED, 400, "The request has 1 invalid field.",
                request.path(), List.of(new Problem.FieldError(field.isEmpty() ? "body" : field,
                        "must appear only once in its object"))));
    }

    /**
     * The parser's refusal of a key repeated in one object ({@code STRICT_DUPLICATE_DETECTION}); Jackson gives it no
     * type of its own, only its message, and may wrap it with the path of the value around it.
     */
    private static StreamReadException duplicateKey(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamReadException read && read.getOriginalMessage() != null
                    && read.getOriginalMessage().startsWith("Duplicate field '")) {
                return read;
            }
        }
        return null;
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static Response malformedJson(JsonParseException e, HttpServerRequest request) {
        return Problems.response(Problems.of(ProblemType.MALFORMED_JSON, 400,
                "The request body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ").",
                request.path()));
    }

    /** Declared for its own type so it wins over the Jackson extension's built-in mapper. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        if (e instanceof InvalidTextException text) {
            return invalidText(text, request);
        }
        String field = FieldNames.of(e);
        if (field.isEmpty()) {
            return Problems.response(Problems.of(ProblemType.MALFORMED_JSON, 400,
                    "The request body does not have the expected JSON structure.", request.path()));
        }
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        return Problems.response(Problems.of(ProblemType.VALIDATION_FAILED, 400,
                "The request body has a field of the wrong type.", request.path(),
                List.of(new Problem.FieldError(field, "must be " + expected))));
    }

    /** A request a service refused field by field. */
    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e, HttpServerRequest request) {
        long fields = e.errors().stream().map(Problem.FieldError::field).distinct().count();
        return Problems.response(Problems.of(ProblemType.VALIDATION_FAILED, 400,
                "The request has " + fields + (fields == 1 ? " invalid field." : " invalid fields."), request.path(),
                e.errors()));
    }

    /**
     * Quarkus REST decodes a form body only when a resource asks for its fields, and refuses a malformed escape
     * ({@code %zz}, bytes that are not UTF-8) with this exception and message; any other is a bug of ours.
     */
    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e, HttpServerRequest request) {
        if (e.getMessage() != null && e.getMessage().startsWith(UNDECODABLE_FORM)) {
            return Problems.response(Problems.of(ProblemType.VALIDATION_FAILED, 400,
                    "The request has 1 invalid field.", request.path(),
                    List.of(new Problem.FieldError("body", "must be percent-encoded UTF-8"))));
        }
        return unexpected(e, request);
    }

    private static final long UNAVAILABLE_WARNING_INTERVAL_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
    private static volatile long lastUnavailableWarning;

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (databaseUnavailable(e)) {
            // no database connection (pool exhausted for the acquisition timeout, or PostgreSQL unreachable): a
            // condition a client retries, not a fault of this request; logged at most once a minute, since every
            // request during an outage would otherwise say it (and each would be a Sentry event)
            long now = System.nanoTime();
            long last = lastUnavailableWarning;
            if (last == 0 || now - last > UNAVAILABLE_WARNING_INTERVAL_NANOS) {
                lastUnavailableWarning = now;
                LOG.warnf("No database connection (%s); answering 503 until it returns", rootMessage(e));
            }
            return Response.fromResponse(Problems.response(Problems.of(ProblemType.SERVICE_UNAVAILABLE, 503,
                    "The service cannot reach its data right now; try again in a moment.", request.path())))
                    .header(HttpHeaders.RETRY_AFTER, "5").build();
        }
        LOG.error("Unexpected error while serving the request", e);
        return Problems.response(Problems.of(ProblemType.INTERNAL_ERROR, 500, Problems.defaultDetail(500),
                request.path()));
    }

    /**
     * Agroal's acquisition timeout, or in the cause chain an SQLState of class 08 (connection exception) or 57P01-03
     * (PostgreSQL shutting down, crashed, or starting up: "cannot connect now").
     */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql) {
                if (sql.getMessage() != null && sql.getMessage().startsWith("Acquisition timeout")) {
                    return true;
                }
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private static Response violationResponse(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(FieldNames.of(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort((a, b) -> a.field().compareTo(b.field()));
        return Problems.response(Problems.of(ProblemType.VALIDATION_FAILED, 400,
                "The request has " + errors.size() + (errors.size() == 1 ? " invalid field." : " invalid fields."),
                request.path(), errors));
    }

    private static boolean hasNode(Path path, ElementKind kind) {
        for (Path.Node node : path) {
            if (node.getKind() == kind) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of the allowed values";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class
                || type == double.class || type == float.class || type == short.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }
}
