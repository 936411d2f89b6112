package io.workflowingest.cleanup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.workflowingest.LambdaEvents;
import io.workflowingest.platform.MigrateRouteTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.workflowingest.cleanup.CleanupFixtures.exists;
import static io.workflowingest.cleanup.CleanupFixtures.expire;
import static io.workflowingest.cleanup.CleanupFixtures.ingest;
import static io.workflowingest.cleanup.CleanupFixtures.newCampaign;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduled cleanup through the exact event file EventBridge Scheduler sends
 * ({@code terraform/events/scheduled-cleanup.json}), posted raw to the Lambda mock event server,
 * and the guard that keeps every internal route from anything but a raw invocation.
 */
@QuarkusTest
class ScheduledCleanupTest {

    static final Path CLEANUP_EVENT = Path.of("terraform/events/scheduled-cleanup.json");
    static final Path MIGRATE_EVENT = Path.of("terraform/events/migrate.json");
    static final ObjectMapper JSON = new ObjectMapper();

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event file with one field added to requestContext (or to requestContext.http). */
    static String withContextField(Path file, boolean inHttp, String field, String value) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(read(file));
            ObjectNode context = (ObjectNode) event.get("requestContext");
            (inHttp ? (ObjectNode) context.get("http") : context).put(field, value);
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void eventFilesAreRawInvocations() throws IOException {
        for (Path file : List.of(CLEANUP_EVENT, MIGRATE_EVENT)) {
            var event = JSON.readTree(read(file));
            assertEquals("2.0", event.get("version").asText(), file.toString());
            assertEquals("POST", event.at("/requestContext/http/method").asText(), file.toString());
            assertTrue(event.at("/requestContext/apiId").isMissingNode(), file + " must not carry apiId");
            assertTrue(event.at("/requestContext/http/sourceIp").isMissingNode(), file + " must not carry sourceIp");
        }
    }

    @Test
    void scheduledEventDeletesExpiredRecordsAndKeepsFreshOnes() {
        String campaign = newCampaign();
        String expiredA = ingest(campaign, "FINISHED", null);
        String expiredB = ingest(campaign, "RUNNING", null);
        String fresh = ingest(campaign, "FINISHED", null);
        String otherCampaignExpired = ingest(newCampaign(), null, null);
        expire(List.of(expiredA, expiredB, otherCampaignExpired));

        Instant before = Instant.now();
        JsonPath response = LambdaEvents.invoke(read(CLEANUP_EVENT));
        assertEquals(200, response.getInt("statusCode"), LambdaEvents.body(response));
        JsonPath result = JsonPath.from(LambdaEvents.body(response));
        assertEquals("complete", result.getString("outcome"));
        assertEquals(365, result.getInt("retention_days"));
        assertTrue(result.getBoolean("complete"));
        assertTrue(result.getLong("deleted") >= 3, "at least this test's three expired records: " + result.prettify());
        assertTrue(result.getInt("batches") >= 1);
        // The cutoff is the configured retention (365 days) before now, in ISO-8601 UTC.
        Instant cutoff = Instant.parse(result.getString("cutoff"));
        assertTrue(Math.abs(ChronoUnit.SECONDS.between(before.minus(365, ChronoUnit.DAYS), cutoff)) < 60, cutoff.toString());
        assertTrue(result.getString("cutoff").endsWith("Z"));

        assertFalse(exists(expiredA));
        assertFalse(exists(expiredB));
        assertFalse(exists(otherCampaignExpired), "retention applies to every campaign");
        assertTrue(exists(fresh));
        given().get("/api/v1/workflows/{id}", fresh).then().statusCode(200);
        given().get("/api/v1/workflows/{id}", expiredA).then().statusCode(404);
    }

    @Test
    void eventWithApiIdIsRefusedAndDeletesNothing() {
        String expired = ingest(newCampaign(), null, null);
        expire(List.of(expired));
        JsonPath response = LambdaEvents.invoke(withContextField(CLEANUP_EVENT, false, "apiId", "a1b2c3d4e5"));
        assertNotFound(response, "/internal/cleanup");
        assertTrue(exists(expired));
    }

    @Test
    void eventWithSourceIpIsRefusedAndDeletesNothing() {
        String expired = ingest(newCampaign(), null, null);
        expire(List.of(expired));
        JsonPath response = LambdaEvents.invoke(withContextField(CLEANUP_EVENT, true, "sourceIp", "203.0.113.7"));
        assertNotFound(response, "/internal/cleanup");
        assertTrue(exists(expired));
        // Even empty, the field marks an event that did not come from a raw invocation.
        response = LambdaEvents.invoke(withContextField(CLEANUP_EVENT, false, "apiId", ""));
        assertNotFound(response, "/internal/cleanup");
        assertTrue(exists(expired));
    }

    @Test
    void internalRoutesThroughHttpAreUnknownRoutes() {
        String expired = ingest(newCampaign(), null, null);
        expire(List.of(expired));
        for (String path : List.of("/internal/cleanup", "/internal/migrate", "/internal/anything", "/internal")) {
            for (String method : List.of("POST", "GET", "PUT", "DELETE")) {
                JsonPath problem = given().body("{}").contentType("application/json").request(method, path)
                        .then().statusCode(404)
                        .contentType("application/problem+json")
                        .header("X-Request-Id", notNullValue())
                        .extract().jsonPath();
                assertEquals("not-found", problem.getString("type"), method + " " + path);
                assertEquals("No resource at " + path + ".", problem.getString("detail"), method + " " + path);
            }
        }
        // Indistinguishable from a route that does not exist: same fields, same values but the path.
        JsonPath unknown = given().post("/api/v1/no-such-route").then().statusCode(404).extract().jsonPath();
        JsonPath internal = given().post("/internal/cleanup").then().statusCode(404).extract().jsonPath();
        assertEquals(unknown.getMap("").keySet(), internal.getMap("").keySet());
        assertEquals(unknown.getString("type"), internal.getString("type"));
        assertEquals(unknown.getString("title"), internal.getString("title"));
        assertEquals(unknown.getString("detail").replace("/api/v1/no-such-route", "/internal/cleanup"), internal.getString("detail"));
        // Doubled slashes do not slip past the guard.
        given().post("//internal//cleanup").then().statusCode(404);
        assertTrue(exists(expired), "nothing ran");
    }

    @Test
    void migrateEventIsRefusedUnlessRaw() {
        assertNotFound(LambdaEvents.invoke(withContextField(MIGRATE_EVENT, false, "apiId", "a1b2c3d4e5")), "/internal/migrate");
        assertNotFound(LambdaEvents.invoke(withContextField(MIGRATE_EVENT, true, "sourceIp", "127.0.0.1")), "/internal/migrate");
    }

    @Test
    void migrateEventOnAMigratedDatabaseAppliesNothing() {
        JsonPath response = LambdaEvents.invoke(read(MIGRATE_EVENT));
        assertEquals(200, response.getInt("statusCode"), LambdaEvents.body(response));
        JsonPath result = JsonPath.from(LambdaEvents.body(response));
        assertEquals(0, result.getInt("applied"));
        assertEquals(MigrateRouteTest.latestMigrationVersion(), result.getString("current_version"));
        assertEquals(List.of(), result.getList("migrations"));
    }

    @Test
    @DisabledOnIntegrationTest("captures the log in the test's own JVM")
    void eachScheduledRunLogsOneStructuredLine() throws IOException {
        String expired = ingest(newCampaign(), null, null);
        expire(List.of(expired));
        try (CapturedLog log = CapturedLog.start()) {
            JsonPath response = LambdaEvents.invoke(read(CLEANUP_EVENT));
            assertEquals(200, response.getInt("statusCode"), LambdaEvents.body(response));
            JsonPath result = JsonPath.from(LambdaEvents.body(response));
            List<CapturedLog.Line> runs = log.runs("trigger", "scheduled");
            assertEquals(1, runs.size(), "one line per run: " + log.lines());
            CapturedLog.Line line = runs.get(0);
            assertEquals("INFO", line.level());
            assertEquals("complete", line.mdc().get("outcome"));
            assertEquals(result.getString("cutoff"), line.mdc().get("cutoff"));
            assertEquals(result.getString("deleted"), line.mdc().get("deleted"));
            assertEquals(result.getString("matched"), line.mdc().get("matched"));
            assertEquals(result.getString("batches"), line.mdc().get("batches"));
            assertTrue(Long.parseLong(line.mdc().get("duration_ms")) >= 0);
            assertTrue(line.message().startsWith("cleanup outcome=complete trigger=scheduled "), line.message());
            assertTrue(line.message().contains(" deleted=" + result.getString("deleted") + " "), line.message());
            // Production's JSON log: the fields are JSON keys (under "mdc") that metric filters can match.
            var json = JSON.readTree(line.json());
            assertEquals("complete", json.at("/mdc/outcome").asText(), line.json());
            assertEquals(result.getString("cutoff"), json.at("/mdc/cutoff").asText());
            assertEquals(CleanupService.LOG_CATEGORY, json.get("loggerName").asText());
        }
        assertFalse(exists(expired));
    }

    static void assertNotFound(JsonPath response, String path) {
        assertEquals(404, response.getInt("statusCode"), LambdaEvents.body(response));
        String contentType = LambdaEvents.contentType(response);
        assertTrue(contentType.startsWith("application/problem+json"), contentType);
        JsonPath problem = JsonPath.from(LambdaEvents.body(response));
        assertEquals("not-found", problem.getString("type"));
        assertEquals("No resource at " + path + ".", problem.getString("detail"));
    }
}
