package io.workflowingest.query;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** GET /api/v1/workflows/{id}. */
@QuarkusTest
class WorkflowReadResourceTest {

    @Test
    void unknownIdIs404Problem() {
        given().get("/api/v1/workflows/{id}", UUID.randomUUID().toString())
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404), "title", notNullValue(), "request_id", notNullValue());
    }

    @Test
    void idBreakingTheIdRulesIs404() {
        given().urlEncodingEnabled(false).get("/api/v1/workflows/%20padded%20")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void percentEncodedIdsAreFound() {
        String id = "run #1 of ünïcode ✓ " + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"workflow_id\": \"" + id + "\"}")
                .post("/api/v1/workflows").then().statusCode(201);
        given().get("/api/v1/workflows/{id}", id).then().statusCode(200).body("workflow_id", equalTo(id));
    }

    @Test
    void etagAnswersConditionalRequests() {
        String id = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body("{\"workflow_id\": \"" + id + "\"}")
                .post("/api/v1/workflows").then().statusCode(201);
        given().header("If-None-Match", "\"1\"").get("/api/v1/workflows/{id}", id)
                .then().statusCode(304).header("ETag", equalTo("\"1\""));
        given().header("If-None-Match", "\"0\"").get("/api/v1/workflows/{id}", id)
                .then().statusCode(200).header("ETag", equalTo("\"1\"")).header("Last-Modified", notNullValue());
    }

    @Test
    void requestIdIsEchoedOrGenerated() {
        given().header("X-Request-Id", "abc-123").get("/api/v1/workflows/{id}", "nope")
                .then().statusCode(404).header("X-Request-Id", equalTo("abc-123")).body("request_id", equalTo("abc-123"));
        given().get("/api/v1/workflows/{id}", "nope")
                .then().statusCode(404).header("X-Request-Id", notNullValue());
    }
}
