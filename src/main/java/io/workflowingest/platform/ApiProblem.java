package io.workflowingest.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.workflowingest.record.Problem;

import java.util.List;

/**
 * An RFC 9457 problem document, as API.md "Errors" specifies it. {@code type} is a relative URI
 * naming the kind of problem (e.g. {@code invalid-record}); {@code errors} lists every problem of
 * the input with its JSON pointer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiProblem(
        String type,
        String title,
        int status,
        String detail,
        List<Problem> errors,
        @JsonProperty("request_id") String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public ApiProblem withRequestId(String id) {
        return new ApiProblem(type, title, status, detail, errors, id);
    }
}
