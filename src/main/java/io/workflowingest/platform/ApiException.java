package io.workflowingest.platform;

import io.workflowingest.record.Problem;

import java.util.List;

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

    public ApiException(int status, String type, String title, String detail, List<Problem> errors,
            Integer retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badRequest(String type, String detail, List<Problem> errors) {
        return new ApiException(400, type, "Bad Request", detail, errors, null);
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

    public ApiProblem toProblem() {
        return new ApiProblem(type, title, status, getMessage(), errors, null);
    }
}
