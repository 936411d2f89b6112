package io.workflowingest.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * /q/openapi documents every route of the application (found by reflection), each with its
 * parameters, body, success and error answers, and the API-key scope it needs.
 */
@QuarkusTest
class OpenApiDocumentTest {

    static JsonNode document() throws Exception {
        String json = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        return new ObjectMapper().readTree(json);
    }

    @Test
    void everyRouteIsDocumentedWithItsParametersAnswersAndScope() throws Exception {
        JsonNode doc = document();
        List<String> problems = new ArrayList<>();
        for (ApiRoutes.Route route : ApiRoutes.public_()) {
            JsonNode op = doc.path("paths").path(openApiPath(route.template())).path(route.httpMethod().toLowerCase(Locale.ROOT));
            if (op.isMissingNode()) {
                problems.add(route + " is not in the OpenAPI document");
                continue;
            }
            if (!op.hasNonNull("summary") && !op.hasNonNull("description")) {
                problems.add(route + " has neither summary nor description");
            }
            JsonNode responses = op.path("responses");
            boolean success = false;
            for (Iterator<String> it = responses.fieldNames(); it.hasNext();) {
                String status = it.next();
                success |= status.startsWith("2");
                JsonNode response = resolve(doc, responses.get(status));
                if (response == null || !response.hasNonNull("description")) {
                    problems.add(route + " answer " + status + " has no description (or a dangling $ref)");
                }
            }
            if (!success) {
                problems.add(route + " documents no 2xx answer");
            }
            for (String status : List.of("401", "403", "503")) {
                if (!responses.has(status)) {
                    problems.add(route + " does not document " + status);
                }
            }
            JsonNode security = op.path("security");
            String scope = route.scope() == null ? null : route.scope().id();
            if (!security.isArray() || security.isEmpty() || !security.get(0).has(ApiDocumentation.SECURITY_SCHEME)) {
                problems.add(route + " has no security requirement");
            } else if (scope != null && !security.get(0).get(ApiDocumentation.SECURITY_SCHEME).toString().contains("\"" + scope + "\"")) {
                problems.add(route + " security does not name scope " + scope + ": " + security);
            }
            for (String param : parametersOf(route, PathParam.class)) {
                if (!hasParameter(doc, op, doc.path("paths").path(openApiPath(route.template())), param, "path")) {
                    problems.add(route + " does not document path parameter " + param);
                }
            }
            for (String param : parametersOf(route, QueryParam.class)) {
                if (!hasParameter(doc, op, doc.path("paths").path(openApiPath(route.template())), param, "query")) {
                    problems.add(route + " does not document query parameter " + param);
                }
            }
            if ((route.httpMethod().equals("POST") || route.httpMethod().equals("PUT")) && acceptsBody(route)
                    && !op.has("requestBody")) {
                problems.add(route + " documents no request body");
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    @Test
    void theKeySchemeAndSharedProblemsAreDefined() throws Exception {
        JsonNode doc = document();
        JsonNode scheme = doc.path("components").path("securitySchemes").path(ApiDocumentation.SECURITY_SCHEME);
        assertEquals("http", scheme.path("type").asText());
        assertEquals("bearer", scheme.path("scheme").asText());
        JsonNode problem = doc.path("components").path("schemas").path(ApiDocumentation.PROBLEM).path("properties");
        for (String field : List.of("type", "title", "status", "detail", "errors", "request_id")) {
            assertTrue(problem.has(field), "Problem schema lacks " + field);
        }
        JsonNode unavailable = doc.path("components").path("responses").path(ApiDocumentation.UNAVAILABLE);
        assertTrue(unavailable.path("headers").has("Retry-After"));
        assertTrue(unavailable.path("content").has("application/problem+json"));
        assertTrue(doc.path("components").path("responses").path(ApiDocumentation.UNAUTHORIZED).path("headers").has("WWW-Authenticate"));
    }

    @Test
    void everyReferenceResolvesAndInternalRoutesStayOut() throws Exception {
        JsonNode doc = document();
        List<String> dangling = new ArrayList<>();
        walkRefs(doc, doc, dangling);
        assertTrue(dangling.isEmpty(), "dangling $ref: " + dangling);
        for (Iterator<String> it = doc.path("paths").fieldNames(); it.hasNext();) {
            String path = it.next();
            assertFalse(path.startsWith("/internal"), "internal route documented: " + path);
        }
    }

    @Test
    void theDocumentIsAlsoServedAsYaml() {
        given().get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("openapi:"))
                .body(org.hamcrest.Matchers.containsString("/api/v1/workflows/batch"));
    }

    static String openApiPath(String template) {
        return template.replaceAll("\\{\\s*([^}:\\s]+)\\s*:[^}]*}", "{$1}");
    }

    static JsonNode resolve(JsonNode doc, JsonNode node) {
        if (node != null && node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                return null;
            }
            JsonNode target = doc.at(ref.substring(1));
            return target.isMissingNode() ? null : target;
        }
        return node;
    }

    static void walkRefs(JsonNode doc, JsonNode node, List<String> dangling) {
        if (node.isObject()) {
            if (node.has("$ref") && resolve(doc, node) == null) {
                dangling.add(node.get("$ref").asText());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                walkRefs(doc, it.next().getValue(), dangling);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                walkRefs(doc, child, dangling);
            }
        }
    }

    static boolean hasParameter(JsonNode doc, JsonNode op, JsonNode pathItem, String name, String in) {
        for (JsonNode params : List.of(op.path("parameters"), pathItem.path("parameters"))) {
            for (JsonNode p : params) {
                JsonNode resolved = resolve(doc, p);
                if (resolved != null && name.equals(resolved.path("name").asText()) && in.equals(resolved.path("in").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<String> parametersOf(ApiRoutes.Route route, Class<? extends Annotation> kind) {
        List<String> names = new ArrayList<>();
        for (Annotation[] annotations : route.method().getParameterAnnotations()) {
            for (Annotation a : annotations) {
                if (a instanceof PathParam p && kind == PathParam.class) {
                    names.add(p.value());
                }
                if (a instanceof QueryParam q && kind == QueryParam.class) {
                    names.add(q.value());
                }
            }
        }
        return names;
    }

    /** Whether the method takes an entity (a parameter without a JAX-RS/@Context annotation). */
    static boolean acceptsBody(ApiRoutes.Route route) {
        for (Annotation[] annotations : route.method().getParameterAnnotations()) {
            boolean bound = false;
            for (Annotation a : annotations) {
                String pkg = a.annotationType().getPackageName();
                bound |= pkg.equals("jakarta.ws.rs") || pkg.equals("jakarta.ws.rs.core") || pkg.startsWith("org.jboss.resteasy.reactive");
            }
            if (!bound) {
                return true;
            }
        }
        return false;
    }
}
