package io.workflowingest.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The prod profile with nothing configured but the database: auth is on by itself, no key is
 * accepted, every /api route answers 401, health and OpenAPI stay open.
 */
@QuarkusTest
@TestProfile(ProdProfileTest.BareProd.class)
class ProdProfileTest {

    /** Only what a test run needs to start: the database and a free port for the mock event server. */
    public static class BareProd implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.reactive.url", env("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/workflow_ingest_test"),
                    "quarkus.datasource.jdbc.url", env("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/workflow_ingest_test"),
                    "quarkus.datasource.username", env("QUARKUS_DATASOURCE_USERNAME", "postgres"),
                    "quarkus.lambda.mock-event-server.test-port", "0");
        }

        static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    @Test
    void everyApiRouteAsksForAKey() {
        for (ApiRoutes.Route route : ApiRoutes.public_()) {
            for (String authorization : new String[] { null, "Bearer " + AuthEnabledProfile.ADMIN_KEY }) {
                var spec = given();
                if (authorization != null) {
                    spec = spec.header("Authorization", authorization);
                }
                if (route.httpMethod().equals("POST")) {
                    spec = spec.contentType("application/json").body("{\"workflow_id\": \"prod-profile-test\"}");
                }
                Response response = spec.request(route.httpMethod(), route.samplePath());
                assertEquals(401, response.statusCode(), route + " without configured keys: " + response.asString());
                assertEquals("application/problem+json", response.contentType());
                assertTrue(ApiKeyAuthTest.challenge(response).startsWith("Bearer realm=\"workflow-ingest\""), ApiKeyAuthTest.challenge(response));
            }
        }
    }

    @Test
    void healthAndOpenApiStayOpen() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200).body("openapi", org.hamcrest.Matchers.startsWith("3."));
    }
}
