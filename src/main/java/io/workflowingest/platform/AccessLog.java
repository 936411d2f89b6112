package io.workflowingest.platform;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * One log line per API request: method, path, status and duration; the request id (and the
 * key's short id, when one was accepted) come from the MDC. Never headers, bodies or query
 * strings: those may hold keys or personal data.
 */
public class AccessLog {

    static final Logger LOG = Logger.getLogger("io.workflowingest.access");
    private static final String STARTED = "workflow-ingest.started-nanos";

    @ServerRequestFilter(preMatching = true)
    public void start(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @ServerResponseFilter
    public void log(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Object started = request.getProperty(STARTED);
        long millis = started instanceof Long nanos ? (System.nanoTime() - nanos) / 1_000_000 : -1;
        // The raw path, still percent-encoded: a decoded %0A could forge a plain-text log line.
        LOG.infof("%s %s %d %dms", request.getMethod(), http.path(), response.getStatus(), millis);
    }
}
