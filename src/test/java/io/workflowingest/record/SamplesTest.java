package io.workflowingest.record;

import static io.workflowingest.record.TestJson.RECORDS;
import static io.workflowingest.record.TestJson.STRICT;
import static io.workflowingest.record.TestJson.assertPointers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared samples (samples/README.md): real Flowcept 1.0.3 records and hand-made bad ones. */
class SamplesTest {

    static Stream<Path> validSamples() {
        return Samples.list("valid");
    }

    private static ObjectNode normalized(String relative) {
        return RECORDS.parseAndNormalize(Samples.bytes(relative));
    }

    @Test
    void everySampleFolderIsThere() {
        assertEquals(10, validSamples().count());
        assertEquals(7, Samples.list("invalid").count());
        assertEquals(3, Samples.list("batch").count());
    }

    @ParameterizedTest
    @MethodSource("validSamples")
    void everyValidSampleNormalizesIdempotently(Path sample) throws Exception {
        JsonNode parsed = STRICT.parseRecord(java.nio.file.Files.readAllBytes(sample));
        ObjectNode once = RECORDS.normalize(parsed);
        assertEquals(parsed.get("workflow_id"), once.get("workflow_id"));
        assertEquals("workflow", once.get("type").textValue());
        assertEquals(once, RECORDS.normalize(once));
    }

    @ParameterizedTest
    @CsvSource({
        "inv-01-missing-workflow-id.json, /workflow_id",
        "inv-08-used-is-list.json, /used",
        "inv-11-utc-timestamp-word.json, /utc_timestamp",
        "inv-19-interceptor-ids-string.json, /interceptor_ids",
        "inv-25-not-json.json, ''",
        "inv-27-array-not-object.json, ''",
        "inv-30-nul-in-string-value.json, /name",
    })
    void everyInvalidSampleIsRejectedWithThePointerOfItsProblem(String file, String pointer) {
        RecordRejectedException e = assertPointers(() -> RECORDS.parseAndNormalize(Samples.bytes("invalid/" + file)),
                pointer);
        assertFalse(e.problems().get(0).message().isBlank());
    }

    @Test
    void repeatedStartAndEndRecordsMergeToFinishedWithBothTimestampsAndOneInterceptorId() {
        ObjectNode start = normalized("valid/repeat-01-a.json");
        ObjectNode end = normalized("valid/repeat-01-b.json");
        assertEquals(start.get("workflow_id"), end.get("workflow_id"));
        for (ObjectNode merged : List.of(RecordMerger.merge(start, end), RecordMerger.merge(end, start))) {
            assertEquals("FINISHED", merged.get("status").textValue());
            assertTrue(merged.get("started_at").isNumber());
            assertTrue(merged.get("ended_at").isNumber());
            assertEquals(1, merged.get("interceptor_ids").size());
        }
    }

    @Test
    void userComesFromSysMetadataLoginName() {
        ObjectNode parsed = (ObjectNode) STRICT.parseRecord(Samples.bytes("valid/user-01-from-sys-metadata-login-name.json"));
        String login = parsed.get("flowcept_settings").get("sys_metadata").get("login_name").textValue();
        assertEquals("alice", login);
        assertEquals(login, RECORDS.normalize(parsed).get("user").textValue());
        parsed.remove("user"); // as a producer that does not set it would send it
        assertEquals(login, RECORDS.normalize(parsed).get("user").textValue());
        assertEquals("exp-runner", parsed.get("flowcept_settings").get("experiment").get("user").textValue());
    }

    @Test
    void fullSampleKeepsItsAlreadyRedactedSettings() {
        ObjectNode full = normalized("valid/full-01-all-26-fields.json");
        assertEquals("REDACTED", full.get("flowcept_settings").get("mq").get("password").textValue());
        assertEquals("REDACTED", full.get("flowcept_settings").get("agent").get("api_key").textValue());
        assertEquals(1, full.get("machine_info").size());
    }

    @Test
    void batchArrayOf100StartEndPairsSplitsInto100ItemsAndMergesInto50FinishedRecords() {
        assertBatchOf50FinishedRuns(STRICT.splitArray(Samples.bytes("batch/batch-100-start-end-pairs.json")));
    }

    @Test
    void batchNdjsonOf100StartEndPairsSplitsInto100ItemsAndMergesInto50FinishedRecords() {
        assertBatchOf50FinishedRuns(STRICT.splitNdjson(Samples.bytes("batch/batch-100-start-end-pairs.ndjson")));
    }

    private static void assertBatchOf50FinishedRuns(List<BatchItem> items) {
        assertEquals(100, items.size());
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        for (BatchItem item : items) {
            assertTrue(item.ok(), () -> item.problems().toString());
            assertEquals(RecordKind.WORKFLOW, RecordKind.of(item.node()));
            ObjectNode record = RECORDS.normalize(item.node());
            byId.merge(record.get("workflow_id").textValue(), record, RecordMerger::merge);
        }
        assertEquals(50, byId.size());
        for (ObjectNode record : byId.values()) {
            assertEquals("FINISHED", record.get("status").textValue());
            assertEquals("c0ffee00-0000-4000-8000-000000000100", record.get("campaign_id").textValue());
        }
    }

    @Test
    void flowceptBufferFileHoldsWorkflowsAndSkippedTaskMessages() {
        List<BatchItem> items = STRICT.splitNdjson(Samples.bytes("batch/flowcept-buffer-workflow-and-tasks.jsonl"));
        assertEquals(List.of(RecordKind.WORKFLOW, RecordKind.SKIPPED, RecordKind.SKIPPED, RecordKind.WORKFLOW),
                items.stream().map(item -> RecordKind.of(item.node())).toList());
        ObjectNode merged = null;
        for (BatchItem item : items) {
            if (RecordKind.of(item.node()) == RecordKind.WORKFLOW) {
                ObjectNode record = RECORDS.normalize(item.node());
                merged = merged == null ? record : RecordMerger.merge(merged, record);
            }
        }
        assertEquals("FINISHED", merged.get("status").textValue());
    }
}
