package io.workflowingest.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.UUID;

/**
 * Every response carries {@code X-Request-Id}: the caller's (when it is a sane token) or a new
 * one. Problem bodies repeat it so a user can quote it in a report.
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String PROPERTY = "workflow-ingest.request-id";

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        if (!isSane(id)) {
            id = UUID.randomUUID().toString();
        }
        request.setProperty(PROPERTY, id);
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }

    public static String of(ContainerRequestContext request) {
        Object id = request == null ? null : request.getProperty(PROPERTY);
        return id == null ? null : id.toString();
    }

    /** Printable ASCII, at most 200 characters: anything else could forge log lines or headers. */
    static boolean isSane(String id) {
        if (id == null || id.isEmpty() || id.length() > 200) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
