package dev.commercesuite.defaults.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem details body, the one shape every error answer of the suite takes.
 *
 * @param type      a URI naming the kind of problem; clients branch on it
 * @param title     a short, stable summary of the problem type
 * @param status    the HTTP status code, repeated for clients that only see the body
 * @param detail    what went wrong with this request, for a human; never internals
 * @param instance  the request path that failed (never the query string, which may carry tokens)
 * @param requestId the request id also sent in {@code X-Request-Id}, to quote in support requests
 * @param errors    per-field problems for validation failures, absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection // serialised from exception mappers and router handlers, which native analysis does not see
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
        List<FieldError> errors) {

    /** The media type of every error body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field of a request, named as the client sent it (a JSON path, a query or header name). */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }
}
