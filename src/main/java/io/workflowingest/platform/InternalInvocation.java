package io.workflowingest.platform;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Duration;
import java.util.Optional;

/**
 * The guard of the internal routes ({@code /internal/...}: scheduled cleanup, migrations).
 *
 * <p>They run only for a raw invocation of the function: an API Gateway HTTP API (v2) event
 * whose {@code requestContext} has neither {@code apiId} nor {@code http.sourceIp}. API Gateway,
 * Function URLs and the local mock event server all set {@code sourceIp}, and API Gateway sets
 * {@code apiId}; only a direct {@code lambda:InvokeFunction} (EventBridge Scheduler, the deploy
 * step) can send an event without both, and that already needs IAM permission on the function.
 * Anything else gets the very 404 an unknown route gets, and nothing runs: the routes are not
 * discoverable from outside. Raw invocations carry no API key; they need none.
 *
 * <p>Two checks, so neither alone has to be perfect: a pre-matching filter refuses every path
 * under {@code /internal} (any method, so not even a 405 reveals a route), and each internal
 * resource calls {@link #requireRaw} on the event it is given.
 */
public class InternalInvocation {

    public static final String PREFIX = "/internal";

    /** Lambda's longest timeout (15 min): a larger remaining time is no real deadline. */
    private static final long MAX_LAMBDA_MILLIS = Duration.ofMinutes(15).toMillis();

    /** Runs after {@link RequestIds#assign} (default priority USER) so the 404 carries the request id. */
    @ServerRequestFilter(preMatching = true, priority = Priorities.USER + 10)
    public Response guard(ContainerRequestContext request, HttpServerRequest vertxRequest) {
        String path = request.getUriInfo().getPath();
        if (!isInternal(path) || isRaw(eventOf(vertxRequest))) {
            return null;
        }
        return ProblemMappers.respond(request, unknownRoute(path));
    }

    /** For internal resources: refuses (404, as for an unknown route) unless {@code event} is a raw invocation. */
    public static void requireRaw(APIGatewayV2HTTPEvent event, String path) {
        if (!isRaw(event)) {
            throw unknownRoute(path);
        }
    }

    /** True for a raw invocation: an event whose request context has neither apiId nor http.sourceIp. */
    public static boolean isRaw(APIGatewayV2HTTPEvent event) {
        if (event == null || event.getRequestContext() == null) {
            return false;
        }
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        // Present at all, even empty, means the event came through something that sets them.
        return context.getApiId() == null
                && (context.getHttp() == null || context.getHttp().getSourceIp() == null);
    }

    /**
     * The time left before Lambda stops this invocation, when it has a real deadline. The local
     * mock event server sends none; its {@link Context} then reports a meaningless number
     * (the deadline is epoch 0), so only 0 < remaining <= 15 min counts.
     */
    public static Optional<Duration> remainingTime(Context lambda) {
        try {
            if (lambda == null) {
                return Optional.empty();
            }
            long remaining = lambda.getRemainingTimeInMillis();
            return remaining > 0 && remaining <= MAX_LAMBDA_MILLIS ? Optional.of(Duration.ofMillis(remaining)) : Optional.empty();
        } catch (RuntimeException noContext) {
            // Outside a Lambda invocation the injected Context cannot be produced.
            return Optional.empty();
        }
    }

    /** The same problem the router answers for an unknown route (see {@link ProblemMappers#web}). */
    static ApiException unknownRoute(String path) {
        return ApiException.notFound("No resource at " + path + ".");
    }

    static boolean isInternal(String path) {
        // Normalize what a router might normalize (repeated slashes, case is significant in JAX-RS).
        String normalized = path == null ? "" : path.replaceAll("/{2,}", "/");
        return normalized.equals(PREFIX) || normalized.startsWith(PREFIX + "/");
    }

    private static APIGatewayV2HTTPEvent eventOf(HttpServerRequest request) {
        if (request != null && request.headers() instanceof QuarkusHttpHeaders headers) {
            Object event = headers.getContextObjects().get(APIGatewayV2HTTPEvent.class);
            return event instanceof APIGatewayV2HTTPEvent e ? e : null;
        }
        return null;
    }
}
