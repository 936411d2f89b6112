package io.workflowingest.platform;

import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.workflowingest.LambdaEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.LogRecord;

import static io.restassured.RestAssured.given;
import static io.workflowingest.platform.AuthEnabledProfile.ADMIN_KEY;
import static io.workflowingest.platform.AuthEnabledProfile.INGEST_KEY;
import static io.workflowingest.platform.AuthEnabledProfile.INGEST_READ_KEY;
import static io.workflowingest.platform.AuthEnabledProfile.READ_KEY;
import static io.workflowingest.platform.AuthEnabledProfile.UNKNOWN_KEY;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every route of the application with no key, a wrong key, and a key of each scope, through the
 * Lambda event path with auth on (hashes in configuration only). Routes are found by reflection,
 * so routes added later are covered by their {@link RequiresScope}.
 */
@QuarkusTest
@TestProfile(AuthEnabledProfile.class)
class ApiKeyAuthTest {

    static final String[] ALL_KEYS = { INGEST_KEY, READ_KEY, ADMIN_KEY, INGEST_READ_KEY, UNKNOWN_KEY };
    static LogCapture logs;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.start();
    }

    @AfterAll
    static void keysNeverReachTheLogs() throws java.io.IOException {
        logs.close();
        if (System.getProperty("native.image.path") != null) {
            // The packaged artifact (failsafe): its log is the file Quarkus's launcher gives it.
            String log = java.nio.file.Files.readString(java.nio.file.Path.of("target", "quarkus.log"));
            assertFalse(log.isEmpty(), "the artifact logs something (access lines)");
            for (String key : ALL_KEYS) {
                assertFalse(log.contains(key), "a key appears in the artifact's log");
            }
            assertFalse(log.toLowerCase().contains("bearer "), "an Authorization header appears in the artifact's log");
            return;
        }
        List<LogRecord> records = logs.records();
        assertFalse(records.isEmpty(), "the requests of this class log something (access lines)");
        for (LogRecord r : records) {
            String line = LogCapture.everything(r);
            for (String key : ALL_KEYS) {
                assertFalse(line.contains(key), "a key appears in a log line: " + r.getLoggerName());
            }
            assertFalse(line.toLowerCase().contains("bearer " ), "an Authorization header appears in a log line: " + line);
        }
    }

    static RequestSpecification call(String key) {
        RequestSpecification spec = given().redirects().follow(false);
        return key == null ? spec : spec.header("Authorization", "Bearer " + key);
    }

    static Response send(ApiRoutes.Route route, RequestSpecification spec) {
        if (route.httpMethod().equals("POST") || route.httpMethod().equals("PUT") || route.httpMethod().equals("PATCH")) {
            spec = spec.contentType("application/json").body("{}");
        }
        return spec.request(route.httpMethod(), route.samplePath());
    }

    @Test
    void everyPublicRouteDeclaresAScope() {
        List<ApiRoutes.Route> routes = ApiRoutes.public_();
        assertTrue(routes.size() >= 3, "routes found by reflection: " + routes);
        for (ApiRoutes.Route route : routes) {
            assertNotNull(route.scope(), route + " has no @RequiresScope: it would be refused to everyone");
        }
    }

    @Test
    void everyRouteRefusesAMissingKey() {
        for (ApiRoutes.Route route : ApiRoutes.public_()) {
            send(route, call(null)).then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", equalTo("Bearer realm=\"workflow-ingest\""))
                    .header("X-Request-Id", org.hamcrest.Matchers.notNullValue())
                    .body("type", equalTo("missing-api-key"), "status", equalTo(401),
                            "request_id", org.hamcrest.Matchers.notNullValue());
        }
    }

    @Test
    void everyRouteRefusesAnUnknownKey() {
        for (ApiRoutes.Route route : ApiRoutes.public_()) {
            Response response = send(route, call(UNKNOWN_KEY));
            response.then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("type", equalTo("invalid-api-key"));
            assertEquals("Bearer realm=\"workflow-ingest\", error=\"invalid_token\"", challenge(response));
        }
    }

    @Test
    void otherSchemesAndEmptyTokensAreMissingKeys() {
        ApiRoutes.Route route = ApiRoutes.public_().get(0);
        for (String header : new String[] { "Basic " + ADMIN_KEY, ADMIN_KEY, "Bearer", "Bearer   ", "Token " + ADMIN_KEY }) {
            send(route, given().header("Authorization", header)).then().statusCode(401)
                    .body("type", equalTo("missing-api-key"));
        }
        // The scheme name is case-insensitive (RFC 9110).
        ApiRoutes.Route read = readRoute();
        send(read, given().header("Authorization", "bEaReR " + READ_KEY)).then().statusCode(org.hamcrest.Matchers.not(401));
    }

    @Test
    void eachScopeReachesExactlyItsRoutes() {
        Map<String, List<Scope>> keys = Map.of(
                INGEST_KEY, List.of(Scope.INGEST),
                READ_KEY, List.of(Scope.READ),
                ADMIN_KEY, List.of(Scope.ADMIN),
                INGEST_READ_KEY, List.of(Scope.INGEST, Scope.READ));
        List<String> failures = new ArrayList<>();
        for (ApiRoutes.Route route : ApiRoutes.public_()) {
            for (Map.Entry<String, List<Scope>> key : keys.entrySet()) {
                boolean allowed = key.getValue().stream().anyMatch(s -> s.grants(route.scope()));
                Response response = send(route, call(key.getKey()));
                int status = response.statusCode();
                if (allowed && (status == 401 || status == 403)) {
                    failures.add(route + " refused a key with " + key.getValue() + ": " + status + " " + response.asString());
                }
                if (!allowed) {
                    if (status != 403) {
                        failures.add(route + " answered " + status + " to a key with " + key.getValue() + " (expected 403)");
                    } else {
                        JsonPath body = response.jsonPath();
                        assertEquals("insufficient-scope", body.getString("type"));
                        assertEquals("application/problem+json", response.contentType());
                        assertEquals("Bearer realm=\"workflow-ingest\", error=\"insufficient_scope\", scope=\""
                                + route.scope().id() + "\"", challenge(response));
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    @Test
    void ingestKeyStoresAndReadKeyReads() {
        String id = UUID.randomUUID().toString();
        String record = "{\"workflow_id\": \"" + id + "\", \"name\": \"auth-test\"}";
        call(READ_KEY).contentType("application/json").body(record).post("/api/v1/workflows").then().statusCode(403);
        call(INGEST_KEY).contentType("application/json").body(record).post("/api/v1/workflows").then().statusCode(201);
        call(INGEST_KEY).get("/api/v1/workflows/{id}", id).then().statusCode(403);
        call(READ_KEY).get("/api/v1/workflows/{id}", id).then().statusCode(200).body("name", equalTo("auth-test"));
        call(ADMIN_KEY).get("/api/v1/workflows/{id}", id).then().statusCode(200);
    }

    @Test
    @DisabledOnIntegrationTest("uses TestOnlyRoutes, which only the test build contains")
    void aRouteWithoutDeclaredScopeIsRefusedEvenToAdmin() {
        for (String key : new String[] { null, ADMIN_KEY }) {
            call(key).get("/api/test-only/undeclared").then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("undeclared-scope"));
        }
    }

    @Test
    @DisabledOnIntegrationTest("uses TestOnlyRoutes, which only the test build contains")
    void internalRoutesAskForNoKey() {
        // A raw invocation (no sourceIp), as the scheduler and the deploy step send it.
        Map<String, Object> event = LambdaEvents.httpEvent("GET", "/internal/test-only/ping", Map.of(), null);
        @SuppressWarnings("unchecked")
        Map<String, Object> http = (Map<String, Object>) ((Map<String, Object>) event.get("requestContext")).get("http");
        http.remove("sourceIp");
        JsonPath response = LambdaEvents.invoke(event);
        assertEquals(200, response.getInt("statusCode"), LambdaEvents.body(response));
        assertEquals("pong", LambdaEvents.body(response));
    }

    @Test
    void pathTricksDoNotSkipTheKey() {
        for (String path : new String[] { "/internal/../api/v1/workflows/x", "/internal/%2e%2e/api/v1/workflows/x",
                "//api/v1/workflows/x", "/api/v1/workflows/x/", "/API/v1/workflows/x" }) {
            Map<String, Object> event = LambdaEvents.httpEvent("GET", path, Map.of(), null);
            int status = LambdaEvents.invoke(event).getInt("statusCode");
            assertTrue(status == 401 || status == 404, path + " answered " + status + " without a key");
        }
    }

    @Test
    void healthAndOpenApiStayOpen() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    /**
     * The WWW-Authenticate value. The function answers it as one header; the local mock event
     * server splits comma-separated values into several headers, which HTTP treats as the same.
     */
    static String challenge(Response response) {
        return String.join(", ", response.headers().getValues("WWW-Authenticate"));
    }

    static ApiRoutes.Route readRoute() {
        return ApiRoutes.public_().stream().filter(r -> r.scope() == Scope.READ).findFirst().orElseThrow();
    }
}
