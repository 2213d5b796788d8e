package dev.commercesuite.defaults.validation;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.defaults.problem.ProblemType;
import dev.commercesuite.defaults.problem.Problems;
import dev.commercesuite.defaults.problem.RouterProblemHandlers;
import dev.commercesuite.defaults.requestid.RequestIdFilter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Holds the text of every request's path, query string and headers to {@link Text} before any route runs, in every
 * service: a path id, a {@code ?tenant=} or {@code ?action=} and a header can all end up in a query, a log line or a
 * message, so a control character or a malformed escape in them is a 400 {@code validation-failed} problem naming
 * the parameter ({@code path}, the query parameter's name, or the header's name). JSON bodies are held to the same
 * rule by {@link StrictJson}.
 */
@ApplicationScoped
public class RequestTextFilter {

    /** After the request id and the body-size check, before authentication and routing. */
    static final int PRIORITY = RequestIdFilter.PRIORITY - 2;

    private static final String UNDECODABLE = "must be percent-encoded UTF-8";
    private static final String TRAVERSAL = "must not hold dot segments or encoded slashes";
    private static final String HEADER_MESSAGE = "must not contain control characters";

    private final RouterProblemHandlers problems;

    public RequestTextFilter(RouterProblemHandlers problems) {
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext ctx) {
        Problem.FieldError error = pathError(ctx.request().path());
        if (error == null) {
            error = queryError(ctx.request().query());
        }
        if (error == null) {
            error = headerError(ctx.request().headers());
        }
        if (error != null) {
            problems.write(ctx, Problems.of(ProblemType.VALIDATION_FAILED, 400, "The request has 1 invalid field.",
                    ctx.request().path(), List.of(error)));
            return;
        }
        ctx.next();
    }

    static Problem.FieldError pathError(String path) {
        if (path == null) {
            return null;
        }
        for (String segment : path.split("/", -1)) {
            String decoded = PercentDecoding.decode(segment, false);
            if (decoded == null) {
                return new Problem.FieldError("path", UNDECODABLE);
            }
            // a segment that decodes to a traversal step could reach another route of the service behind a proxy
            if (decoded.equals(".") || decoded.equals("..") || decoded.indexOf('/') >= 0
                    || decoded.indexOf('\\') >= 0) {
                return new Problem.FieldError("path", TRAVERSAL);
            }
            if (!Text.isAcceptable(decoded)) {
                return new Problem.FieldError("path", Text.MESSAGE);
            }
        }
        return null;
    }

    static Problem.FieldError queryError(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = PercentDecoding.decode(equals < 0 ? pair : pair.substring(0, equals), true);
            if (name == null || !Text.isAcceptable(name)) {
                return new Problem.FieldError("query", name == null ? UNDECODABLE : Text.MESSAGE);
            }
            if (equals < 0) {
                continue;
            }
            String value = PercentDecoding.decode(pair.substring(equals + 1), true);
            if (value == null) {
                return new Problem.FieldError(name, UNDECODABLE);
            }
            if (!Text.isAcceptable(value)) {
                return new Problem.FieldError(name, Text.MESSAGE);
            }
        }
        return null;
    }

    /**
     * Header values arrive as bytes read one to a character (ISO-8859-1), so only the C0 controls other than TAB,
     * and DEL, are judged here: a byte of 0x80 or more is a piece of an encoded character, not a control.
     */
    static Problem.FieldError headerError(Iterable<Map.Entry<String, String>> headers) {
        for (Map.Entry<String, String> header : headers) {
            String value = header.getValue();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    return new Problem.FieldError(header.getKey(), HEADER_MESSAGE);
                }
            }
        }
        return null;
    }
}
