package io.workflowingest.cleanup;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.workflowingest.LambdaEvents;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database is unreachable (nothing listens on port 1): every cleanup entry point answers 503
 * problem+json with Retry-After, and each run logs its one line with {@code outcome=failed},
 * which is what the alarms of the asynchronous scheduled run watch.
 */
@QuarkusTest
@TestProfile(CleanupDatabaseDownTest.DatabaseDown.class)
class CleanupDatabaseDownTest {

    public static class DatabaseDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // %test-prefixed: application.properties sets the %test URLs, which a plain key would not override.
            return Map.of(
                    "%test.quarkus.datasource.reactive.url", "postgresql://127.0.0.1:1/nowhere",
                    "%test.quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/nowhere",
                    "%test.quarkus.flyway.migrate-at-start", "false",
                    "%test.quarkus.flyway.clean-at-start", "false");
        }
    }

    @Test
    void adminCleanupIs503AndLogsFailed() {
        String campaign = CleanupFixtures.newCampaign();
        try (CapturedLog log = CapturedLog.start()) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("older_than_days", 30, "campaign_id", campaign, "dry_run", false))
                    .post("/api/v1/admin/cleanup")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("type", equalTo("database-unavailable"), "status", equalTo(503));
            List<CapturedLog.Line> runs = log.runs("campaign_id", campaign);
            assertEquals(1, runs.size(), log.lines().toString());
            CapturedLog.Line line = runs.get(0);
            assertEquals("ERROR", line.level());
            assertEquals("failed", line.mdc().get("outcome"));
            assertEquals("0", line.mdc().get("deleted"));
            assertTrue(line.mdc().containsKey("error"), line.mdc().toString());
            assertTrue(line.message().startsWith("cleanup outcome=failed trigger=admin "), line.message());
        }
    }

    @Test
    void scheduledCleanupIs503AndLogsFailed() {
        try (CapturedLog log = CapturedLog.start()) {
            JsonPath response = LambdaEvents.invoke(ScheduledCleanupTest.read(ScheduledCleanupTest.CLEANUP_EVENT));
            assertEquals(503, response.getInt("statusCode"), LambdaEvents.body(response));
            assertEquals("database-unavailable", JsonPath.from(LambdaEvents.body(response)).getString("type"));
            List<CapturedLog.Line> runs = log.runs("trigger", "scheduled");
            assertEquals(1, runs.size(), log.lines().toString());
            assertEquals("failed", runs.get(0).mdc().get("outcome"));
        }
    }

    @Test
    void migrateIs503() {
        JsonPath response = LambdaEvents.invoke(ScheduledCleanupTest.read(ScheduledCleanupTest.MIGRATE_EVENT));
        assertEquals(503, response.getInt("statusCode"), LambdaEvents.body(response));
        assertEquals("database-unavailable", JsonPath.from(LambdaEvents.body(response)).getString("type"));
    }

    @Test
    void deleteIs503() {
        given().delete("/api/v1/workflows/{id}?cascade=descendants", "some-id")
                .then().statusCode(503).contentType("application/problem+json");
    }
}
