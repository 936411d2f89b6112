package io.workflowingest.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.workflowingest.LambdaEvents;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.LogRecord;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** X-Request-Id on every response, in problem bodies and in the MDC of every log line of the request. */
@QuarkusTest
class RequestIdsTest {

    @Test
    void callersIdIsEchoedInHeaderBodyAndLogs() {
        String id = "ci-run-" + UUID.randomUUID();
        try (LogCapture logs = LogCapture.start()) {
            given().header("X-Request-Id", id).get("/api/v1/workflows/{id}", "absent-" + id)
                    .then().statusCode(404)
                    .header("X-Request-Id", equalTo(id))
                    .contentType("application/problem+json")
                    .body("request_id", equalTo(id));
            List<LogRecord> lines = linesOf(logs, id);
            assertFalse(lines.isEmpty(), "the request logged nothing with its id");
            assertTrue(lines.stream().anyMatch(r -> r.getLoggerName().equals("io.workflowingest.access")
                    && LogCapture.everything(r).contains(" 404 ")), "no access line with the status");
        }
    }

    @Test
    void withoutACallersIdTheGatewayRequestIdIsUsed() {
        Map<String, Object> event = LambdaEvents.httpEvent("GET", "/api/v1/workflows/absent", Map.of(), null);
        @SuppressWarnings("unchecked")
        String gatewayId = (String) ((Map<String, Object>) event.get("requestContext")).get("requestId");
        JsonPath response = LambdaEvents.invoke(event);
        assertEquals(404, response.getInt("statusCode"));
        assertEquals(gatewayId, response.getString("headers.X-Request-Id"));
        assertEquals(gatewayId, JsonPath.from(LambdaEvents.body(response)).getString("request_id"));
    }

    @Test
    void withoutAnyIdTheLambdaInvocationIdOrANewOneIsUsed() {
        Map<String, Object> event = LambdaEvents.httpEvent("GET", "/api/v1/workflows/absent", Map.of(), null);
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) event.get("requestContext");
        context.remove("requestId");
        try (LogCapture logs = LogCapture.start()) {
            JsonPath response = LambdaEvents.invoke(event);
            String id = response.getString("headers.X-Request-Id");
            assertNotNull(id);
            assertFalse(id.isBlank());
            List<LogRecord> lines = linesOf(logs, id);
            assertFalse(lines.isEmpty(), "the request logged nothing with its id");
            // The mock event server gives each invocation a Lambda request id, as Lambda does.
            String awsRequestId = LogCapture.mdc(lines.get(0), RequestIds.MDC_AWS_REQUEST_ID);
            assertNotNull(awsRequestId, "the Lambda invocation id is in the MDC");
            assertEquals(awsRequestId, id);
        }
    }

    @Test
    void everyResponseHasAnIdAndEachRequestItsOwn() {
        String first = given().get("/q/health/live").then().statusCode(200).extract().header("X-Request-Id");
        String a = given().get("/api/v1/workflows/absent").then().statusCode(404).extract().header("X-Request-Id");
        String b = given().get("/api/v1/workflows/absent").then().statusCode(404).extract().header("X-Request-Id");
        assertNotNull(a);
        assertNotEquals(a, b);
        // Health is served by Vert.x, not JAX-RS; an id there is a bonus, not required.
        assertTrue(first == null || !first.isBlank());
    }

    @Test
    void insaneIdsAreReplaced() {
        for (String bad : new String[] { "two words", "x".repeat(201), "new\tline", "caf\u00e9" }) {
            given().header("X-Request-Id", bad).get("/api/v1/workflows/absent")
                    .then().statusCode(404).header("X-Request-Id", not(equalTo(bad)));
        }
    }

    static List<LogRecord> linesOf(LogCapture logs, String id) {
        return logs.records().stream().filter(r -> id.equals(LogCapture.mdc(r, RequestIds.MDC_REQUEST_ID))).toList();
    }
}
