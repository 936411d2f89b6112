package io.workflowingest.query;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

    /** Percent-encodes every character of {@code id} but the unreserved ones (RFC 3986), as one path segment. */
    static String pathSegment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Ids with {@code %} (also where it reads like an escape, {@code %41}), {@code ?}, {@code &},
     * {@code =}, space, {@code #} and non-ASCII survive the path: posted in the body, read back
     * by the percent-encoded path exactly as sent (its {@code %2541} decoded once, to {@code %41},
     * not twice, to {@code A}) and by the Location the post answered.
     */
    @Test
    void idsWithPercentAndQuestionMarkRoundTripThroughThePath() {
        String id = "50% done? a%41b&c=d #1 ünï ✓ " + UUID.randomUUID();
        String location = given().contentType(ContentType.JSON).body(Map.of("workflow_id", id))
                .post("/api/v1/workflows").then().statusCode(201)
                .body("workflow_id", equalTo(id))
                .extract().header("Location");
        String encoded = pathSegment(id);
        given().urlEncodingEnabled(false).get("/api/v1/workflows/" + encoded)
                .then().statusCode(200).header("ETag", equalTo("\"1\"")).body("workflow_id", equalTo(id));
        URI locationUri = URI.create(location);
        assertEquals("/api/v1/workflows/" + id, locationUri.getPath(), "Location decodes to the record's path: " + location);
        given().urlEncodingEnabled(false).get(locationUri.getRawPath())
                .then().statusCode(200).body("workflow_id", equalTo(id));
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
        // If-None-Match compares weakly, takes a list, and "*" matches any stored revision.
        // The 304 names the tag as the client sent it: what its cache holds.
        for (String[] matching : new String[][] {{"W/\"1\"", "W/\"1\""}, {"\"0\", W/\"1\"", "W/\"1\""}, {"*", "\"1\""}}) {
            given().header("If-None-Match", matching[0]).get("/api/v1/workflows/{id}", id)
                    .then().statusCode(304).header("ETag", equalTo(matching[1]));
        }
        for (String other : new String[] {"W/\"0\"", "\"10\"", "1", "W/1"}) {
            given().header("If-None-Match", other).get("/api/v1/workflows/{id}", id).then().statusCode(200);
        }
        // A new revision no longer matches the old tag.
        given().contentType(ContentType.JSON).body("{\"workflow_id\": \"" + id + "\", \"status\": \"FINISHED\"}")
                .post("/api/v1/workflows").then().statusCode(200);
        given().header("If-None-Match", "\"1\"").get("/api/v1/workflows/{id}", id)
                .then().statusCode(200).header("ETag", equalTo("\"2\""));
    }

    @Test
    void requestIdIsEchoedOrGenerated() {
        given().header("X-Request-Id", "abc-123").get("/api/v1/workflows/{id}", "nope")
                .then().statusCode(404).header("X-Request-Id", equalTo("abc-123")).body("request_id", equalTo("abc-123"));
        given().get("/api/v1/workflows/{id}", "nope")
                .then().statusCode(404).header("X-Request-Id", notNullValue());
    }
}
