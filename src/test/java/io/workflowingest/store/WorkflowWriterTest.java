package io.workflowingest.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.workflowingest.TestSamples;
import io.workflowingest.record.RecordLimits;
import io.workflowingest.record.RecordMerger;
import io.workflowingest.record.WorkflowRecords;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The merge upsert against real PostgreSQL: atomicity under concurrency, and SQL = Java merge rules. */
@QuarkusTest
class WorkflowWriterTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Inject
    WorkflowWriter writer;

    @Inject
    Pool pool;

    final WorkflowRecords records = new WorkflowRecords(RecordLimits.defaults());

    ObjectNode normalized(String json) {
        return records.parseAndNormalize(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void createdThenMergedWithRevisionCounts() {
        String id = UUID.randomUUID().toString();
        Map<String, StoredWorkflow> first = writer.upsert(List.of(new PendingWorkflow(id, "{\"workflow_id\": \"" + id + "\"}", 2)))
                .await().atMost(WAIT);
        assertTrue(first.get(id).created());
        assertEquals(2, first.get(id).revision());
        Map<String, StoredWorkflow> second = writer.upsert(List.of(new PendingWorkflow(id, "{\"workflow_id\": \"" + id + "\"}", 1)))
                .await().atMost(WAIT);
        assertFalse(second.get(id).created());
        assertEquals(3, second.get(id).revision());
    }

    @Test
    void parallelUpsertsOnSeparateConnectionsLoseNothing() {
        String id = UUID.randomUUID().toString();
        int writers = 40;
        List<Uni<Map<String, StoredWorkflow>>> all = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String doc = "{\"workflow_id\": \"" + id + "\", \"interceptor_ids\": [\"i" + i + "\"], \"machine_info\": {\"i" + i + "\": {}}, \"n" + i + "\": " + i + "}";
            all.add(writer.upsert(List.of(new PendingWorkflow(id, doc, 1))));
        }
        List<Map<String, StoredWorkflow>> results = Uni.join().all(all).andFailFast().await().atMost(WAIT);
        assertEquals(1, results.stream().filter(r -> r.get(id).created()).count());
        String stored = pool.preparedQuery("select doc::text, revision from workflows where workflow_id = $1")
                .execute(Tuple.of(id)).await().atMost(WAIT).iterator().next().getString(0);
        ObjectNode doc = (ObjectNode) read(stored);
        assertEquals(writers, doc.get("interceptor_ids").size());
        assertEquals(writers, doc.get("machine_info").size());
        for (int i = 0; i < writers; i++) {
            assertTrue(doc.has("n" + i), "field of writer " + i + " kept");
        }
    }

    /** The SQL workflow_merge() and RecordMerger implement one rule set: compare them on cases. */
    @Test
    void sqlMergeEqualsJavaMerge() {
        List<String[]> pairs = List.of(
                new String[] { TestSamples.text("valid/repeat-01-a.json"), TestSamples.text("valid/repeat-01-b.json") },
                new String[] { TestSamples.text("valid/repeat-01-b.json"), TestSamples.text("valid/repeat-01-a.json") },
                new String[] { "{\"workflow_id\": \"m\", \"status\": \"ERROR\"}", "{\"workflow_id\": \"m\", \"status\": \"finished\"}" },
                new String[] { "{\"workflow_id\": \"m\", \"status\": \"FINISHED\"}", "{\"workflow_id\": \"m\", \"status\": \"SUBMITTED\"}" },
                new String[] { "{\"workflow_id\": \"m\", \"status\": \"WAITING\"}", "{\"workflow_id\": \"m\", \"status\": \"RUNNING\"}" },
                new String[] { "{\"workflow_id\": \"m\", \"interceptor_ids\": [\"a\", \"b\"]}", "{\"workflow_id\": \"m\", \"interceptor_ids\": [\"c\", \"a\"]}" },
                new String[] { "{\"workflow_id\": \"m\", \"interceptor_ids\": [\"a\"]}", "{\"workflow_id\": \"m\", \"name\": \"n\"}" },
                new String[] { "{\"workflow_id\": \"m\", \"name\": \"n\"}", "{\"workflow_id\": \"m\", \"interceptor_ids\": [\"a\"]}" },
                new String[] { "{\"workflow_id\": \"m\", \"machine_info\": {\"a\": {\"x\": 1}, \"b\": {}}}",
                        "{\"workflow_id\": \"m\", \"machine_info\": {\"a\": {\"y\": 2}}, \"used\": {\"k\": 1}}" },
                new String[] { "{\"workflow_id\": \"m\", \"used\": {\"a\": 1, \"b\": 2}}", "{\"workflow_id\": \"m\", \"used\": {\"c\": 3}, \"name\": null}" });
        for (String[] pair : pairs) {
            ObjectNode stored = normalized(pair[0]);
            ObjectNode incoming = normalized(pair[1]);
            ObjectNode javaMerged = RecordMerger.merge(stored, incoming);
            String sqlMerged = pool.preparedQuery("select workflow_merge(cast($1::text as jsonb), cast($2::text as jsonb))::text")
                    .execute(Tuple.of(stored.toString(), incoming.toString())).await().atMost(WAIT)
                    .iterator().next().getString(0);
            assertEquals(javaMerged, read(sqlMerged), "merge of " + pair[0] + " then " + pair[1]);
        }
    }

    static com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
