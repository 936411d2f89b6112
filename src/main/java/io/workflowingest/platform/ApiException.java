package io.workflowingest.platform;

import io.workflowingest.record.Problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request that ends in a problem response. Thrown (or failed into a Uni) anywhere below a
 * resource; {@link ProblemMappers} turns it into {@code application/problem+json}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem> errors;
    private final Integer retryAfterSeconds;
    private final Map<String, String> headers;

    public ApiException(int status, String type, String title, String detail, List<Problem> errors,
            Integer retryAfterSeconds) {
        this(status, type, title, detail, errors, retryAfterSeconds, Map.of());
    }

    private ApiException(int status, String type, String title, String detail, List<Problem> errors,
            Integer retryAfterSeconds, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors;
        this.retryAfterSeconds = retryAfterSeconds;
        this.headers = headers;
    }

    /** This problem with one more response header (e.g. an authentication challenge). */
    public ApiException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiException(status, type, title, getMessage(), errors, retryAfterSeconds, Map.copyOf(more));
    }

    public static ApiException badRequest(String type, String detail, List<Problem> errors) {
        return new ApiException(400, type, "Bad Request", detail, errors, null);
    }

    /** 401; the caller adds the {@code WWW-Authenticate} challenge (RFC 9110 requires one). */
    public static ApiException unauthorized(String type, String detail) {
        return new ApiException(401, type, "Unauthorized", detail, null, null);
    }

    public static ApiException forbidden(String type, String detail) {
        return new ApiException(403, type, "Forbidden", detail, null, null);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not-found", "Not Found", detail, null, null);
    }

    public static ApiException tooLarge(String detail) {
        return new ApiException(413, "too-large", "Content Too Large", detail, null, null);
    }

    public static ApiException unsupportedMediaType(String detail) {
        return new ApiException(415, "unsupported-media-type", "Unsupported Media Type", detail, null, null);
    }

    public static ApiException unavailable(String type, String detail) {
        return new ApiException(503, type, "Service Unavailable", detail, null, 5);
    }

    public int status() {
        return status;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public ApiProblem toProblem() {
        return new ApiProblem(type, title, status, getMessage(), errors, null);
    }
}
