package io.workflowingest.platform;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys for every route, decided by the matched resource method (never by the raw path, so
 * {@code /internal/../api/...} tricks change nothing):
 * <ul>
 * <li>{@link RequiresScope} on the method (or its class): a key with that scope, or admin;</li>
 * <li>no declaration, under {@code /internal/}: no key (raw Lambda invocations only, guarded by
 * the internal routes themselves);</li>
 * <li>no declaration anywhere else: refused, also when auth is off, so a forgotten annotation
 * shows up in the first test instead of opening a route.</li>
 * </ul>
 * Health and OpenAPI ({@code /q/...}) are not JAX-RS routes and stay open.
 */
public class ApiKeyFilter {

    static final String CALLER = "workflow-ingest.caller";
    static final String REALM = "Bearer realm=\"workflow-ingest\"";
    private static final Logger LOG = Logger.getLogger(ApiKeyFilter.class);

    /** What a route requires: a scope, nothing (internal), or it is undeclared. */
    record Requirement(Scope scope, boolean internal) {
        static final Requirement INTERNAL = new Requirement(null, true);
        static final Requirement UNDECLARED = new Requirement(null, false);
    }

    private final ApiKeys keys;
    private final Map<Method, Requirement> requirements = new ConcurrentHashMap<>();

    ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void authorize(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        Requirement required = requirements.computeIfAbsent(method, m -> requirementOf(resource.getResourceClass(), m));
        if (required.internal()) {
            return;
        }
        if (required.scope() == null) {
            LOG.errorf("route %s.%s declares no @RequiresScope: refused (default deny)",
                    resource.getResourceClass().getSimpleName(), method.getName());
            throw ApiException.forbidden("undeclared-scope",
                    "This route declares no required scope and is closed until it does (a bug; quote the request id).");
        }
        if (!keys.enabled()) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        ApiKeys.Caller caller = keys.authenticate(authorization);
        if (caller == null) {
            if (ApiKeys.bearerToken(authorization) == null) {
                throw ApiException.unauthorized("missing-api-key",
                        "Send an API key as 'Authorization: Bearer <key>'.")
                        .withHeader(HttpHeaders.WWW_AUTHENTICATE, REALM);
            }
            throw ApiException.unauthorized("invalid-api-key", "The API key is not known to this service.")
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, REALM + ", error=\"invalid_token\"");
        }
        MDC.put("key_id", caller.keyId());
        request.setProperty(CALLER, caller);
        if (!caller.may(required.scope())) {
            throw ApiException.forbidden("insufficient-scope",
                    "This route needs an API key with scope '" + required.scope().id() + "' (or admin).")
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE,
                            REALM + ", error=\"insufficient_scope\", scope=\"" + required.scope().id() + "\"");
        }
    }

    static Requirement requirementOf(Class<?> resourceClass, Method method) {
        RequiresScope declared = method.getAnnotation(RequiresScope.class);
        if (declared == null) {
            declared = resourceClass.getAnnotation(RequiresScope.class);
        }
        if (declared != null) {
            return new Requirement(declared.value(), false);
        }
        return isInternal(pathTemplate(resourceClass, method)) ? Requirement.INTERNAL : Requirement.UNDECLARED;
    }

    /** The route's path template from its {@code @Path} annotations, e.g. {@code /api/v1/workflows/{workflow_id}}. */
    public static String pathTemplate(Class<?> resourceClass, Method method) {
        Path classPath = resourceClass.getAnnotation(Path.class);
        Path methodPath = method.getAnnotation(Path.class);
        String path = "/" + strip(classPath == null ? "" : classPath.value()) + "/"
                + strip(methodPath == null ? "" : methodPath.value());
        path = path.replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    static boolean isInternal(String template) {
        return template.equals("/internal") || template.startsWith("/internal/");
    }

    private static String strip(String segment) {
        String s = segment.strip();
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
