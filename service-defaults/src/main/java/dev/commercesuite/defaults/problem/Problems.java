package dev.commercesuite.defaults.problem;

import java.util.List;

import jakarta.ws.rs.core.Response;

import dev.commercesuite.defaults.requestid.RequestId;

/** Builds problem bodies and the responses that carry them. */
public final class Problems {

    private Problems() {
    }

    public static Problem of(ProblemType type, int status, String detail, String path) {
        return of(type, status, detail, path, null);
    }

    public static Problem of(ProblemType type, int status, String detail, String path,
            List<Problem.FieldError> errors) {
        return new Problem(type.uri(), type.title(), status, detail, path, RequestId.current(), errors);
    }

    /**
     * A service's own problem type, {@code ProblemType.BASE_URI + slug}, for errors the shared types do not name
     * (e.g. {@code invalid-or-expired-token}).
     */
    public static Problem of(String slug, String title, int status, String detail, String path) {
        return new Problem(ProblemType.BASE_URI + slug, title, status, detail, path, RequestId.current(), null);
    }

    public static Response response(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    /** A detail sentence for a bare status, when nothing more specific can be said. */
    public static String defaultDetail(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood.";
            case 401 -> "This resource needs a valid access token.";
            case 403 -> "You are not allowed to do this.";
            case 404 -> "No resource exists at this path.";
            case 405 -> "This resource does not support the request method.";
            case 406 -> "This resource cannot answer in any of the accepted media types.";
            case 413 -> "The request body is larger than this endpoint accepts.";
            case 414 -> "The request line (path and query string) is longer than this service accepts.";
            case 415 -> "This resource does not accept the request's content type.";
            case 429 -> "Too many requests; retry later.";
            case 431 -> "The request's headers are larger than this service accepts.";
            case 503 -> "The service is temporarily unavailable; retry later.";
            default -> status >= 500
                    ? "An unexpected error occurred. Quote the request id when reporting it."
                    : "The request failed.";
        };
    }
}
