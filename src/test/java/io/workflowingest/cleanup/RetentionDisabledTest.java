package io.workflowingest.cleanup;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.workflowingest.LambdaEvents;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.workflowingest.cleanup.CleanupFixtures.exists;
import static io.workflowingest.cleanup.CleanupFixtures.expire;
import static io.workflowingest.cleanup.CleanupFixtures.ingest;
import static io.workflowingest.cleanup.CleanupFixtures.newCampaign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ingest.retention.days=0}: the scheduled run deletes nothing and says it is disabled. */
@QuarkusTest
@TestProfile(RetentionDisabledTest.RetentionOff.class)
class RetentionDisabledTest {

    public static class RetentionOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.retention.days", "0");
        }
    }

    @Test
    void scheduledRunIsDisabledAndSaysSo() {
        String expired = ingest(newCampaign(), "FINISHED", null);
        expire(List.of(expired));
        try (CapturedLog log = CapturedLog.start()) {
            JsonPath response = LambdaEvents.invoke(ScheduledCleanupTest.read(ScheduledCleanupTest.CLEANUP_EVENT));
            assertEquals(200, response.getInt("statusCode"), LambdaEvents.body(response));
            JsonPath result = JsonPath.from(LambdaEvents.body(response));
            assertEquals("disabled", result.getString("outcome"));
            assertEquals(0, result.getInt("retention_days"));
            assertEquals(0, result.getLong("deleted"));
            assertTrue(result.getString("detail").contains("ingest.retention.days"), result.prettify());
            assertFalse(result.getMap("").containsKey("cutoff"), "no cutoff when disabled");

            List<CapturedLog.Line> runs = log.runs("trigger", "scheduled");
            assertEquals(1, runs.size(), log.lines().toString());
            assertEquals("disabled", runs.get(0).mdc().get("outcome"));
            assertTrue(runs.get(0).message().startsWith("cleanup outcome=disabled"), runs.get(0).message());
        }
        assertTrue(exists(expired));

        // The admin endpoint is not affected: its age comes with each request.
        JsonPath admin = AdminCleanupTest.cleanup(AdminCleanupTest.body("older_than_days", 1, "campaign_id", null));
        assertTrue(admin.getLong("matched") >= 1);
    }
}
