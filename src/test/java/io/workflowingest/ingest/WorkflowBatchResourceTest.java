package io.workflowingest.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.workflowingest.LambdaEvents;
import io.workflowingest.TestSamples;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** POST /api/v1/workflows/batch: JSON arrays, NDJSON, gzip, partial failures, limits. */
@QuarkusTest
class WorkflowBatchResourceTest {

    /** The sample batch, with its 50 ids replaced by fresh ones so test runs never collide. */
    static String freshIds(String text) {
        JsonPath records = JsonPath.from(text.trim().startsWith("[") ? text : "[" + String.join(",", text.trim().split("\n")) + "]");
        List<String> ids = records.getList("workflow_id", String.class).stream().distinct().toList();
        for (String id : ids) {
            text = text.replace(id, UUID.randomUUID().toString());
        }
        return text;
    }

    @Test
    void startEndPairsAsJsonArray() {
        String batch = freshIds(TestSamples.text("batch/batch-100-start-end-pairs.json"));
        given().contentType(ContentType.JSON).body(batch)
                .post("/api/v1/workflows/batch")
                .then().statusCode(200)
                .body("status", equalTo("success"),
                        "summary.received", equalTo(100), "summary.created", equalTo(50),
                        "summary.updated", equalTo(50), "summary.failed", equalTo(0), "summary.skipped", equalTo(0),
                        "failed", empty());
        for (String id : JsonPath.from(batch).getList("workflow_id", String.class)) {
            given().get("/api/v1/workflows/{id}", id).then().statusCode(200)
                    .header("ETag", equalTo("\"2\""))
                    .body("status", equalTo("FINISHED"), "campaign_id", equalTo("c0ffee00-0000-4000-8000-000000000100"));
        }
    }

    @Test
    void startEndPairsAsNdjsonAgainMergeIntoExistingRecords() {
        String batch = freshIds(TestSamples.text("batch/batch-100-start-end-pairs.ndjson"));
        given().contentType("application/x-ndjson").body(batch.getBytes(StandardCharsets.UTF_8)).post("/api/v1/workflows/batch")
                .then().statusCode(200)
                .body("status", equalTo("success"), "summary.created", equalTo(50), "summary.updated", equalTo(50));
        given().contentType("application/x-ndjson").body(batch.getBytes(StandardCharsets.UTF_8)).post("/api/v1/workflows/batch")
                .then().statusCode(200)
                .body("summary.created", equalTo(0), "summary.updated", equalTo(100));
        String first = batch.lines().findFirst().orElseThrow();
        given().get("/api/v1/workflows/{id}", JsonPath.from(first).getString("workflow_id"))
                .then().statusCode(200).header("ETag", equalTo("\"4\"")).body("status", equalTo("FINISHED"));
    }

    @Test
    void flowceptBufferFileSkipsTaskMessages() {
        String buffer = TestSamples.text("batch/flowcept-buffer-workflow-and-tasks.jsonl");
        long lines = buffer.lines().filter(l -> !l.isBlank()).count();
        long workflows = buffer.lines().filter(l -> !l.isBlank())
                .filter(l -> { Object t = JsonPath.from(l).get("type"); return t == null || "workflow".equals(t); }).count();
        JsonPath result = given().contentType("application/x-ndjson").body(buffer.getBytes(StandardCharsets.UTF_8)).post("/api/v1/workflows/batch")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(lines, result.getLong("summary.received"));
        assertEquals(lines - workflows, result.getLong("summary.skipped"));
        assertEquals(workflows, result.getLong("summary.created") + result.getLong("summary.updated"));
        assertEquals(0, result.getInt("summary.failed"));
    }

    /**
     * A raw buffer file also holds agent messages: skipped and counted like task messages, even
     * when they carry a workflow_id (no record is made for it), while the workflow's start and
     * end records merge.
     */
    @Test
    void flowceptBufferFileSkipsAgentMessages() {
        String workflow = UUID.randomUUID().toString();
        String agentWorkflow = UUID.randomUUID().toString();
        String buffer = String.join("\n",
                "{\"type\": \"workflow\", \"workflow_id\": \"" + workflow + "\", \"status\": \"RUNNING\", \"name\": \"with-agent\"}",
                "{\"type\": \"agent\", \"agent_id\": \"agent-1\", \"workflow_id\": \"" + agentWorkflow + "\", \"name\": \"flowcept-agent\"}",
                "{\"type\": \"task\", \"task_id\": \"t-1\", \"workflow_id\": \"" + workflow + "\", \"activity_id\": \"train\"}",
                "{\"workflow_id\": \"" + workflow + "\", \"status\": \"FINISHED\"}") + "\n";
        given().contentType("application/x-ndjson").body(buffer.getBytes(StandardCharsets.UTF_8)).post("/api/v1/workflows/batch")
                .then().statusCode(200)
                .body("status", equalTo("success"),
                        "summary.received", equalTo(4), "summary.created", equalTo(1), "summary.updated", equalTo(1),
                        "summary.failed", equalTo(0), "summary.skipped", equalTo(2), "failed", empty());
        given().get("/api/v1/workflows/{id}", workflow).then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("status", equalTo("FINISHED"), "name", equalTo("with-agent"),
                        "agent_id", nullValue(), "activity_id", nullValue());
        given().get("/api/v1/workflows/{id}", agentWorkflow).then().statusCode(404);
    }

    /** Flowcept records with large `used`/`generated` values (over 8 KiB) anywhere in a batch, stored and merged. */
    @Test
    void largeRecordsInTheMiddleOfABatchAreStored() {
        String id = UUID.randomUUID().toString();
        String before = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        String grid = IntStream.range(0, 20_000).mapToObj(i -> "0." + (10_000_000 + i)).collect(Collectors.joining(","));
        String big = "{\"workflow_id\": \"" + id + "\", \"status\": \"RUNNING\", \"used\": {\"param_grid\": [" + grid + "]}}";
        String array = "[{\"workflow_id\": \"" + before + "\"}, " + big + ", {\"workflow_id\": \"" + after + "\"}]";
        given().contentType(ContentType.JSON).body(array).post("/api/v1/workflows/batch")
                .then().statusCode(200)
                .body("status", equalTo("success"), "summary.received", equalTo(3), "summary.created", equalTo(3),
                        "failed", empty());
        String ndjson = "{\"workflow_id\": \"" + before + "\"}\n" + big.replace("RUNNING", "FINISHED") + "\n{\"workflow_id\": \"" + after + "\"}\n";
        given().contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8)).post("/api/v1/workflows/batch")
                .then().statusCode(200)
                .body("status", equalTo("success"), "summary.received", equalTo(3), "summary.updated", equalTo(3));
        // Not read back with GET here: a response body over 8 KiB reaches the client through the
        // Lambda bridge with an empty Transfer-Encoding header and never ends (Quarkus #44551).
    }

    /**
     * Records of one id within a batch merge in batch order, each serialized before the next is
     * read: the earlier one is read back for the merge, numbers as written, and the merged
     * document may exceed the size limit of one incoming record (1 MiB).
     */
    @Test
    void recordsOfOneIdMergeInBatchOrderBeyondTheRecordLimit() {
        String id = UUID.randomUUID().toString();
        String grid = IntStream.range(0, 60_000).mapToObj(i -> "0." + (10_000_000 + i)).collect(Collectors.joining(","));
        String start = "{\"workflow_id\": \"" + id + "\", \"status\": \"RUNNING\", \"interceptor_ids\": [\"a\"],"
                + " \"used\": {\"lr\": 1e-3, \"scale\": 1.5E+10, \"grid\": [" + grid + "]}}";
        String end = "{\"workflow_id\": \"" + id + "\", \"status\": \"FINISHED\", \"interceptor_ids\": [\"b\", \"a\"],"
                + " \"generated\": {\"curve\": [" + grid + "]}}";
        String late = "{\"workflow_id\": \"" + id + "\", \"status\": \"RUNNING\", \"name\": \"late\"}";
        given().contentType("application/x-ndjson").body((start + "\n" + end + "\n" + late + "\n").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/workflows/batch")
                .then().statusCode(200)
                .body("status", equalTo("success"), "summary.received", equalTo(3), "summary.created", equalTo(1),
                        "summary.updated", equalTo(2), "failed", empty());
        // Read back through a projection: a GET of the whole document would exceed 8 KiB (see above).
        given().contentType(ContentType.JSON)
                .body("{\"filter\": {\"workflow_id\": \"" + id + "\", \"used.lr\": 0.001, \"used.scale\": 15000000000,"
                        + " \"used.grid\": {\"$exists\": true}, \"generated.curve\": {\"$exists\": true}},"
                        + " \"projection\": [\"status\", \"name\", \"interceptor_ids\"]}")
                .post("/api/v1/workflows/query")
                .then().statusCode(200)
                .body("items.size()", equalTo(1), "items[0].status", equalTo("FINISHED"), "items[0].name", equalTo("late"),
                        "items[0].interceptor_ids", contains("a", "b"));
        // Revision 3. REST Assured accepts gzip and the document is over 8 KiB, so the answer is
        // the compressed copy, whose tag is weak (platform/ResponseCompression); HEAD as GET.
        given().head("/api/v1/workflows/{id}", id).then().statusCode(200).header("ETag", equalTo("W/\"3\""));
    }

    /**
     * A batch of more than 100 records is written as one statement per 100 ids, in one
     * transaction (ingest.database.batch-statement-records). An id whose records fall into different
     * statements merges in the database, one within a statement in memory; both must give what a
     * single statement gives: every field of both records, and each record counted once.
     */
    @Test
    void recordsOfOneIdInDifferentStatementsMergeAsInOne() {
        List<String> ids = IntStream.range(0, 125).mapToObj(i -> UUID.randomUUID().toString()).toList();
        List<String> records = new ArrayList<>();
        // Starts of all 125 ids, then their ends: the end of ids 0-74 falls into the second
        // statement (their start was in the first), the end of ids 100-124 into the third (their
        // start was in the second), and id 7 has a third record right after its start.
        for (int i = 0; i < ids.size(); i++) {
            records.add("{\"workflow_id\": \"" + ids.get(i) + "\", \"status\": \"RUNNING\", \"interceptor_ids\": [\"start\"], \"used\": {\"n\": " + i + "}}");
            if (i == 7) {
                records.add("{\"workflow_id\": \"" + ids.get(i) + "\", \"name\": \"seventh\"}");
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            records.add("{\"workflow_id\": \"" + ids.get(i) + "\", \"status\": \"FINISHED\", \"interceptor_ids\": [\"end\"], \"generated\": {\"m\": " + i + "}}");
        }
        given().contentType(ContentType.JSON).body("[" + String.join(",", records) + "]")
                .post("/api/v1/workflows/batch")
                .then().statusCode(200)
                .body("status", equalTo("success"), "summary.received", equalTo(251), "summary.created", equalTo(125),
                        "summary.updated", equalTo(126), "summary.failed", equalTo(0), "failed", empty());
        for (int i = 0; i < ids.size(); i++) {
            given().get("/api/v1/workflows/{id}", ids.get(i)).then().statusCode(200)
                    .header("ETag", equalTo(i == 7 ? "\"3\"" : "\"2\""))
                    .body("status", equalTo("FINISHED"), "interceptor_ids", contains("start", "end"),
                            "used.n", equalTo(i), "generated.m", equalTo(i), "name", equalTo(i == 7 ? "seventh" : null));
        }
    }

    /**
     * A full batch of typical records (1000 of ~3 KB, 3.4 MB): ten statements of ~340 KB
     * pipelined on one connection, more than a socket buffer holds.
     */
    @Test
    void aFullBatchOfTypicalRecords() {
        StringBuilder batch = new StringBuilder("[");
        for (int copy = 0; copy < 10; copy++) {
            String records = freshIds(TestSamples.text("batch/batch-100-start-end-pairs.json")).trim();
            batch.append(copy == 0 ? "" : ",").append(records, 1, records.length() - 1);
        }
        batch.append("]");
        given().contentType(ContentType.JSON).body(batch.toString())
                .post("/api/v1/workflows/batch")
                .then().statusCode(200)
                .body("status", equalTo("success"), "summary.received", equalTo(1000), "summary.created", equalTo(500),
                        "summary.updated", equalTo(500));
    }

    @Test
    void badElementsFailAloneAndAreReported() {
        String good = UUID.randomUUID().toString();
        String batch = "[{\"workflow_id\": \"" + good + "\"}, 42, {\"workflow_id\": \"bad/id\"}, "
                + "{\"workflow_id\": \"dup\", \"name\": \"a\", \"name\": \"b\"}, {\"type\": \"task\", \"task_id\": \"t\"}]";
        given().contentType(ContentType.JSON).body(batch).post("/api/v1/workflows/batch")
                .then().statusCode(200)
                .body("status", equalTo("partial_success"),
                        "summary.received", equalTo(5), "summary.created", equalTo(1), "summary.updated", equalTo(0),
                        "summary.failed", equalTo(3), "summary.skipped", equalTo(1),
                        "failed.index", contains(1, 2, 3),
                        "failed[1].workflow_id", equalTo("bad/id"),
                        "failed[1].errors.pointer", hasItem("/workflow_id"));
        given().get("/api/v1/workflows/{id}", good).then().statusCode(200);
    }

    @Test
    void badNdjsonLinesFailAloneAndBlankLinesAreNotCounted() {
        String good = UUID.randomUUID().toString();
        String batch = "\n{\"workflow_id\": \"" + good + "\"}\n\n{not json\r\n{\"workflow_id\": \"x\", \"used\": NaN}\n";
        given().contentType("application/x-ndjson").body(batch.getBytes(StandardCharsets.UTF_8)).post("/api/v1/workflows/batch")
                .then().statusCode(200)
                .body("status", equalTo("partial_success"), "summary.received", equalTo(3),
                        "summary.created", equalTo(1), "summary.failed", equalTo(2), "failed.index", contains(1, 2));
    }

    @Test
    void allInvalidIsFailure() {
        given().contentType(ContentType.JSON).body("[{\"name\": \"no id\"}]").post("/api/v1/workflows/batch")
                .then().statusCode(200)
                .body("status", equalTo("failure"), "summary.failed", equalTo(1),
                        "failed[0].index", equalTo(0), "failed[0].workflow_id", nullValue(),
                        "failed[0].errors.pointer", hasItem("/workflow_id"));
    }

    @Test
    void bodyThatCannotBeSplitIs400() {
        given().contentType(ContentType.JSON).body("{\"workflow_id\": \"a\"}").post("/api/v1/workflows/batch")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("[{\"workflow_id\": \"a\"},").post("/api/v1/workflows/batch")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void moreThanTheBatchLimitIs413AndStoresNothing() {
        List<String> ids = IntStream.range(0, 1001).mapToObj(i -> UUID.randomUUID().toString()).toList();
        String batch = ids.stream().map(id -> "{\"workflow_id\": \"" + id + "\"}").collect(Collectors.joining(",", "[", "]"));
        given().contentType(ContentType.JSON).body(batch).post("/api/v1/workflows/batch")
                .then().statusCode(413).contentType("application/problem+json");
        given().get("/api/v1/workflows/{id}", ids.get(0)).then().statusCode(404);
    }

    @Test
    void gzipNdjsonThroughABase64LambdaEvent() throws IOException {
        String batch = freshIds(TestSamples.text("batch/batch-100-start-end-pairs.ndjson"));
        JsonPath response = LambdaEvents.invoke(LambdaEvents.httpEvent("POST", "/api/v1/workflows/batch",
                Map.of("content-type", "application/x-ndjson", "content-encoding", "gzip"),
                WorkflowIngestResourceTest.gzip(batch.getBytes(StandardCharsets.UTF_8))));
        assertEquals(200, response.getInt("statusCode"), LambdaEvents.body(response));
        JsonPath result = JsonPath.from(LambdaEvents.body(response));
        assertEquals(50, result.getInt("summary.created"));
        assertEquals(50, result.getInt("summary.updated"));
    }

    @Test
    void aBatchWithoutContentTypeIsReadAsAJsonArray() {
        String batch = freshIds(TestSamples.text("batch/batch-100-start-end-pairs.json"));
        JsonPath response = LambdaEvents.invoke(LambdaEvents.httpEvent("POST", "/api/v1/workflows/batch", Map.of(),
                batch.getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, response.getInt("statusCode"), LambdaEvents.body(response));
        JsonPath result = JsonPath.from(LambdaEvents.body(response));
        assertEquals(100, result.getInt("summary.received"));
        assertEquals(50, result.getInt("summary.created"));
    }

    /**
     * Batches from many threads through the Lambda event path. The mock event server handles one
     * invocation at a time (a single poll thread), so these reach the database one after another
     * and cannot deadlock here: this checks the counts and merges over HTTP. Batches that really
     * run at once are in {@link ConcurrentIngestTest#twoBatchesOverTheSameIdsInOppositeOrdersBothSucceed}.
     */
    @Test
    void concurrentOverlappingBatchesNeitherDeadlockNorLoseRecords() throws Exception {
        List<String> ids = IntStream.range(0, 40).mapToObj(i -> UUID.randomUUID().toString()).toList();
        int batches = 8;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<JsonPath>> results = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                // Every batch names every id, in a different order, with its own interceptor id.
                List<String> order = new ArrayList<>(ids);
                java.util.Collections.rotate(order, b * 5);
                if (b % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                String interceptor = "i" + b;
                String batch = order.stream()
                        .map(id -> "{\"workflow_id\": \"" + id + "\", \"interceptor_ids\": [\"" + interceptor + "\"]}")
                        .collect(Collectors.joining(",", "[", "]"));
                results.add(pool.submit(() -> given().contentType(ContentType.JSON).body(batch)
                        .post("/api/v1/workflows/batch").then().statusCode(200).extract().jsonPath()));
            }
            int created = 0;
            for (Future<JsonPath> r : results) {
                created += r.get().getInt("summary.created");
            }
            assertEquals(ids.size(), created);
        } finally {
            pool.shutdownNow();
        }
        for (String id : ids) {
            given().get("/api/v1/workflows/{id}", id).then().statusCode(200)
                    .header("ETag", equalTo("\"" + batches + "\""))
                    .body("interceptor_ids.size()", equalTo(batches));
        }
    }
}
