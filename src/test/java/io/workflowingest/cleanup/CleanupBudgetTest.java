package io.workflowingest.cleanup;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.workflowingest.cleanup.AdminCleanupTest.body;
import static io.workflowingest.cleanup.AdminCleanupTest.cleanup;
import static io.workflowingest.cleanup.CleanupFixtures.countCampaign;
import static io.workflowingest.cleanup.CleanupFixtures.exists;
import static io.workflowingest.cleanup.CleanupFixtures.expire;
import static io.workflowingest.cleanup.CleanupFixtures.ingest;
import static io.workflowingest.cleanup.CleanupFixtures.insertExpired;
import static io.workflowingest.cleanup.CleanupFixtures.newCampaign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The time budget: 50,000 expired records, batches of 1,000, and a budget (1 ms) that one batch
 * already exceeds. Each call deletes one batch and answers {@code complete: false}; calling
 * again continues until everything is gone. Scoped to its own campaign, so other data stays.
 */
@QuarkusTest
@TestProfile(CleanupBudgetTest.TinyBudget.class)
class CleanupBudgetTest {

    public static class TinyBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.retention.batch-size", "1000", "ingest.retention.http-budget", "1ms");
        }
    }

    @Inject
    Pool pool;

    @Test
    void fiftyThousandRecordsTakeRepeatedCallsEachWithinTheBudget() {
        String campaign = newCampaign();
        insertExpired(pool, campaign, 50_000);
        String otherExpired = ingest(newCampaign(), "FINISHED", null);
        String fresh = ingest(campaign, "FINISHED", null);
        expire(List.of(otherExpired));

        JsonPath dry = cleanup(body("older_than_days", 1, "campaign_id", campaign));
        assertEquals(50_000, dry.getLong("matched"));
        assertTrue(dry.getBoolean("complete"));
        assertEquals(50_001, countCampaign(pool, campaign));

        JsonPath first;
        try (CapturedLog log = CapturedLog.start()) {
            first = cleanup(body("older_than_days", 1, "campaign_id", campaign, "dry_run", false));
            // The line alarms watch says the run stopped early, with the response's figures.
            List<CapturedLog.Line> runs = log.runs("campaign_id", campaign);
            assertEquals(1, runs.size(), "one line per run: " + log.lines());
            CapturedLog.Line line = runs.get(0);
            assertEquals("INFO", line.level());
            assertEquals("partial", line.mdc().get("outcome"));
            assertEquals("false", line.mdc().get("complete"));
            assertEquals("admin", line.mdc().get("trigger"));
            assertEquals("1000", line.mdc().get("deleted"));
            assertEquals("1", line.mdc().get("batches"));
            assertTrue(line.message().startsWith("cleanup outcome=partial trigger=admin dry_run=false "), line.message());
            assertTrue(line.message().endsWith(" complete=false"), line.message());
        }
        assertEquals(50_000, first.getLong("matched"));
        assertEquals(1_000, first.getLong("deleted"), "the budget stops the run after its first batch");
        assertEquals(1, first.getInt("batches"));
        assertFalse(first.getBoolean("complete"));
        assertEquals(49_001, countCampaign(pool, campaign));

        long deleted = first.getLong("deleted");
        int calls = 1;
        JsonPath last = first;
        while (!last.getBoolean("complete")) {
            assertTrue(++calls <= 60, "repeated calls finish: " + last.prettify());
            last = cleanup(body("older_than_days", 1, "campaign_id", campaign, "dry_run", false));
            assertTrue(last.getLong("deleted") > 0 || last.getBoolean("complete"), "each call makes progress");
            deleted += last.getLong("deleted");
        }
        assertEquals(50_000, deleted);
        assertEquals(1, countCampaign(pool, campaign), "only the fresh record of the campaign is left");
        assertTrue(exists(fresh));
        assertTrue(exists(otherExpired), "another campaign's expired record is out of scope");
        assertTrue(calls >= 50, "one batch per call: " + calls);
    }
}
