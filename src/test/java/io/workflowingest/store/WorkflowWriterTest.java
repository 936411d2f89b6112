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

    /**
     * A batch written as several statements can deadlock with another writer that locks the
     * same ids in the other order. Here another transaction holds id B; the batch's first
     * statement locks A, its second waits for B; then the other transaction asks for A.
     * PostgreSQL aborts the batch's transaction (it waited first, so its deadlock check runs
     * first); the writer sends the same documents again in lock order once B is free, and both
     * writers' fields end up in both rows, each record counted once.
     */
    @Test
    void aBatchThatDeadlocksIsSentAgainInLockOrder() {
        String a = "a-" + UUID.randomUUID();
        String b = "b-" + UUID.randomUUID();
        io.vertx.mutiny.sqlclient.SqlConnection other = pool.getConnection().await().atMost(WAIT);
        try {
            other.query("begin").execute().await().atMost(WAIT);
            upsertOn(other, b, "other");
            List<List<PendingWorkflow>> chunks = List.of(
                    List.of(new PendingWorkflow(a, doc(a, "batch"), 1)),
                    List.of(new PendingWorkflow(b, doc(b, "batch"), 1)));
            var batch = writer.upsertInOneTransaction(chunks.iterator()).subscribeAsCompletionStage();
            awaitLockWaits(1);
            // Blocks on A, held by the batch: a cycle. The batch's backend, waiting longer, is the victim.
            upsertOn(other, a, "other");
            other.query("commit").execute().await().atMost(WAIT);
            List<Map<String, StoredWorkflow>> stored = Uni.createFrom().completionStage(batch).await().atMost(WAIT);
            assertFalse(stored.get(0).get(a).created(), "A was created by the other transaction, which committed first");
            assertFalse(stored.get(1).get(b).created());
        } finally {
            other.close().await().atMost(WAIT);
        }
        for (String id : List.of(a, b)) {
            var row = pool.preparedQuery("select doc::text, revision from workflows where workflow_id = $1")
                    .execute(Tuple.of(id)).await().atMost(WAIT).iterator().next();
            ObjectNode doc = (ObjectNode) read(row.getString(0));
            assertTrue(doc.has("from_batch") && doc.has("from_other"), id + ": " + doc);
            assertEquals(2, row.getInteger(1), id + " counts one record of each writer");
        }
    }

    private static String doc(String id, String writer) {
        return "{\"workflow_id\": \"" + id + "\", \"from_" + writer + "\": true}";
    }

    private static void upsertOn(io.vertx.mutiny.sqlclient.SqlConnection conn, String id, String writer) {
        conn.preparedQuery(WorkflowWriter.UPSERT)
                .execute(Tuple.of(new String[] { id }, new String[] { doc(id, writer) }, new Integer[] { 1 }))
                .await().atMost(WAIT);
    }

    /** Waits until {@code n} sessions of this service are waiting for a row lock. */
    private void awaitLockWaits(int n) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            long waiting = pool.query("select count(*) from pg_stat_activity where datname = current_database()"
                    + " and wait_event_type = 'Lock'").execute().await().atMost(WAIT).iterator().next().getLong(0);
            if (waiting >= n) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no session came to wait for a lock");
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
