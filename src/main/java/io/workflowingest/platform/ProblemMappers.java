package io.workflowingest.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.workflowingest.record.BatchTooLargeException;
import io.workflowingest.record.RecordRejectedException;
import io.workflowingest.record.RecordTooLargeException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;

/**
 * Turns every failure into {@code application/problem+json} (RFC 9457). Input problems are
 * 4xx naming the problem; database faults are 503 with Retry-After; anything else is a bug,
 * logged with its stack trace and answered 500 without internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ContainerRequestContext request, ApiException e) {
        return respond(request, e);
    }

    @ServerExceptionMapper
    public Response batchTooLarge(ContainerRequestContext request, BatchTooLargeException e) {
        return respond(request, ApiException.tooLarge(e.problems().get(0).message()));
    }

    @ServerExceptionMapper
    public Response recordTooLarge(ContainerRequestContext request, RecordTooLargeException e) {
        return respond(request, ApiException.tooLarge(e.problems().get(0).message()));
    }

    @ServerExceptionMapper
    public Response rejected(ContainerRequestContext request, RecordRejectedException e) {
        return respond(request, ApiException.badRequest("invalid-record",
                "The record is not valid: " + e.problems().size() + " problem(s), each listed with its JSON pointer.",
                e.problems()));
    }

    @ServerExceptionMapper
    public Response json(ContainerRequestContext request, JsonProcessingException e) {
        return respond(request, ApiException.badRequest("malformed-json",
                "The request body is not valid JSON: " + e.getOriginalMessage(), null));
    }

    @ServerExceptionMapper
    public Response web(ContainerRequestContext request, WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e instanceof NotSupportedException) {
            // The raw header: getMediaType() throws on an unparsable one, which is exactly the bad input here.
            return respond(request, ApiException.unsupportedMediaType(
                    "Content-Type '" + printable(request.getHeaderString(HttpHeaders.CONTENT_TYPE))
                            + "' is not accepted here; see the API documentation at /q/openapi."));
        }
        if (e instanceof NotFoundException) {
            return respond(request, ApiException.notFound("No resource at " + request.getUriInfo().getPath() + "."));
        }
        if (e instanceof NotAllowedException) {
            return respond(request, new ApiException(405, "method-not-allowed", "Method Not Allowed",
                    request.getMethod() + " is not allowed on " + request.getUriInfo().getPath() + ".", null, null));
        }
        if (status >= 500) {
            return unexpected(request, e);
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(request, new ApiException(status, "http-" + status, reason,
                e.getMessage() == null ? reason : e.getMessage(), null, null));
    }

    /**
     * A body over {@code quarkus.http.limits.max-body-size}: the request reader has already
     * answered a bare 413 and closed the connection; this only keeps it from being logged as a
     * bug. (The limit is set above Lambda's 6 MB event cap, so in AWS the application's own 413
     * problem or API Gateway's 413 answers first.)
     */
    @ServerExceptionMapper
    public Response unreadableBody(ContainerRequestContext request, IOException e) {
        if ("Request too large".equals(e.getMessage())) {
            LOG.infof("body over quarkus.http.limits.max-body-size refused with 413");
            return respond(request, ApiException.tooLarge("The request body is over the size limit."));
        }
        // Every other IOException (a refused database connection is one) is judged as any failure.
        return unexpected(request, e);
    }

    @ServerExceptionMapper
    public Response unexpected(ContainerRequestContext request, Throwable e) {
        ApiException unavailable = DatabaseFaults.asUnavailable(e);
        if (unavailable != null) {
            LOG.warnf("database fault answered %d: %s", unavailable.status(), e.toString());
            return respond(request, unavailable);
        }
        ApiException rejected = DatabaseFaults.asRejectedValue(e);
        if (rejected != null) {
            // Input the record rules let through but PostgreSQL cannot hold (e.g. 1e999999999).
            LOG.infof("database rejected a value: %s", e.toString());
            return respond(request, rejected);
        }
        LOG.error("unexpected failure (a bug: no input may cause a 500)", e);
        return respond(request, new ApiException(500, "internal-error", "Internal Server Error",
                "An unexpected error occurred; quote the request id when reporting it.", null, null));
    }

    /** At most 100 printable ASCII characters of a header value, for echoing it in a detail. */
    static String printable(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 100; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }

    static Response respond(ContainerRequestContext request, ApiException e) {
        String requestId = RequestIds.of(request);
        Response.ResponseBuilder response = Response.status(e.status())
                .type(ApiProblem.MEDIA_TYPE)
                .entity(e.toProblem().withRequestId(requestId));
        if (e.retryAfterSeconds() != null) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        e.headers().forEach(response::header);
        return response.build();
    }
}
