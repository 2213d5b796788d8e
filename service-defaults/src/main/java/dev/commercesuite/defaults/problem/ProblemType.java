package dev.commercesuite.defaults.problem;

/**
 * The problem types the shared defaults answer with. Services add their own domain types the same way: a stable
 * slug under {@link #BASE_URI} and a title that does not change between requests.
 */
public enum ProblemType {
    BAD_REQUEST("bad-request", "Bad request"),
    MALFORMED_JSON("malformed-json", "Malformed JSON"),
    VALIDATION_FAILED("validation-failed", "Validation failed"),
    UNAUTHORIZED("unauthorized", "Authentication required"),
    FORBIDDEN("forbidden", "Forbidden"),
    NOT_FOUND("not-found", "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable"),
    CONFLICT("conflict", "Conflict"),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large"),
    URI_TOO_LONG("uri-too-long", "URI too long"),
    HEADERS_TOO_LARGE("headers-too-large", "Request header fields too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type"),
    UNPROCESSABLE("unprocessable", "Unprocessable request"),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests"),
    INTERNAL_ERROR("internal-error", "Internal server error"),
    BAD_GATEWAY("bad-gateway", "Bad gateway"),
    SERVICE_UNAVAILABLE("service-unavailable", "Service unavailable"),
    GATEWAY_TIMEOUT("gateway-timeout", "Gateway timeout"),
    HTTP_ERROR("http-error", "HTTP error");

    /** Base of every problem type URI; the documentation page for a type is this plus its slug. */
    public static final String BASE_URI = "https://commercesuite.dev/problems/";

    private final String slug;
    private final String title;

    ProblemType(String slug, String title) {
        this.slug = slug;
        this.title = title;
    }

    public String uri() {
        return BASE_URI + slug;
    }

    public String title() {
        return title;
    }

    /** The generic type for a bare HTTP status, used when no more specific type applies. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> UNPROCESSABLE;
            case 429 -> TOO_MANY_REQUESTS;
            case 431 -> HEADERS_TOO_LARGE;
            case 502 -> BAD_GATEWAY;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> GATEWAY_TIMEOUT;
            default -> status >= 500 ? INTERNAL_ERROR : HTTP_ERROR;
        };
    }
}
