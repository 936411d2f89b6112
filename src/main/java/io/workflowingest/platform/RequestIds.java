package io.workflowingest.platform;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Map;
import java.util.UUID;

/**
 * Every response carries {@code X-Request-Id}: the caller's (when it is a sane token), else API
 * Gateway's request id (the one its access log and {@code apigw-requestid} header show), else the
 * Lambda invocation id, else a new UUID. Problem bodies repeat it, and it is put in the logging
 * MDC as {@code request_id} so every log line of the request carries it (with the Lambda
 * invocation id as {@code aws_request_id}, which the platform's own START/REPORT lines carry).
 *
 * <p>Quarkus keeps the MDC in the request's Vert.x duplicated context, so the values follow the
 * request across reactive continuations and never leak into another request.
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_REQUEST_ID = "request_id";
    public static final String MDC_AWS_REQUEST_ID = "aws_request_id";
    static final String PROPERTY = "workflow-ingest.request-id";

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 500)
    public void assign(ContainerRequestContext request, HttpServerRequest http) {
        Map<Class<?>, Object> lambda = lambdaObjects(http);
        String awsRequestId = lambda.get(Context.class) instanceof Context c ? c.getAwsRequestId() : null;
        String id = request.getHeaderString(HEADER);
        if (!isSane(id)) {
            id = firstSane(gatewayRequestId(lambda), awsRequestId);
        }
        request.setProperty(PROPERTY, id);
        MDC.put(MDC_REQUEST_ID, id);
        if (isSane(awsRequestId)) {
            MDC.put(MDC_AWS_REQUEST_ID, awsRequestId);
        }
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

    /** The API Gateway event and Lambda context that quarkus-amazon-lambda-http attaches to the request. */
    private static Map<Class<?>, Object> lambdaObjects(HttpServerRequest http) {
        if (http != null && http.headers() instanceof QuarkusHttpHeaders headers && headers.getContextObjects() != null) {
            return headers.getContextObjects();
        }
        return Map.of();
    }

    private static String gatewayRequestId(Map<Class<?>, Object> lambda) {
        if (lambda.get(APIGatewayV2HTTPEvent.class) instanceof APIGatewayV2HTTPEvent event
                && event.getRequestContext() != null) {
            return event.getRequestContext().getRequestId();
        }
        return null;
    }

    private static String firstSane(String... candidates) {
        for (String c : candidates) {
            if (isSane(c)) {
                return c;
            }
        }
        return UUID.randomUUID().toString();
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
