package io.workflowingest.record;

import static io.workflowingest.record.TestJson.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RECORD.md "Merging": the same workflow_id sent again merges, never replaces. */
class RecordMergerTest {

    private static ObjectNode merge(String stored, String incoming) {
        return RecordMerger.merge(record(stored), record(incoming));
    }

    @Test
    void topLevelFieldsAreLastWriterWinsAndReplacedWhole() {
        assertEquals(record("{'workflow_id': 'wf', 'name': 'b', 'used': {'c': 3}, 'generated': {'m': 2},"
                        + " 'custom_metadata': {'tags': ['y']}}"),
                merge("{'workflow_id': 'wf', 'name': 'a', 'used': {'a': 1, 'b': 2}, 'generated': {'m': 1, 'n': 1},"
                                + " 'custom_metadata': {'tags': ['x'], 'team': 't'}}",
                        "{'workflow_id': 'wf', 'name': 'b', 'used': {'c': 3}, 'generated': {'m': 2},"
                                + " 'custom_metadata': {'tags': ['y']}}"));
    }

    @Test
    void fieldsAbsentFromTheLaterRecordAreKept() {
        assertEquals(record("{'workflow_id': 'wf', 'name': 'a', 'started_at': 1, 'ended_at': 2, 'generated': {'m': 1}}"),
                merge("{'workflow_id': 'wf', 'name': 'a', 'started_at': 1}",
                        "{'workflow_id': 'wf', 'ended_at': 2, 'generated': {'m': 1}}"));
    }

    @Test
    void nullsNeverClearAField() {
        assertEquals(record("{'workflow_id': 'wf', 'name': 'a', 'status': 'RUNNING'}"),
                merge("{'workflow_id': 'wf', 'name': 'a', 'status': 'RUNNING'}",
                        "{'workflow_id': 'wf', 'name': null, 'status': null}"));
    }

    @Test
    void unknownFieldsMergeLikeKnownOnes() {
        assertEquals(record("{'workflow_id': 'wf', 'x': 2, 'y': 1}"),
                merge("{'workflow_id': 'wf', 'x': 1, 'y': 1}", "{'workflow_id': 'wf', 'x': 2}"));
    }

    @Test
    void machineInfoMergesOneLevelDeep() {
        assertEquals(record("{'workflow_id': 'wf', 'machine_info': {'i1': {'cpu': 4, 'mem': 8}, 'i2': {'gpu': 1},"
                        + " 'i3': {}}}"),
                merge("{'workflow_id': 'wf', 'machine_info': {'i1': {'cpu': 4, 'mem': 8}, 'i2': {'cpu': 2, 'mem': 4}}}",
                        "{'workflow_id': 'wf', 'machine_info': {'i2': {'gpu': 1}, 'i3': {}}}"));
    }

    @Test
    void machineInfoOnOneSideOnlyIsTakenAsIs() {
        assertEquals(record("{'workflow_id': 'wf', 'machine_info': {'i1': {'cpu': 4}}}"),
                merge("{'workflow_id': 'wf', 'machine_info': {'i1': {'cpu': 4}}}", "{'workflow_id': 'wf'}"));
        assertEquals(record("{'workflow_id': 'wf', 'machine_info': {'i1': {'cpu': 4}}}"),
                merge("{'workflow_id': 'wf'}", "{'workflow_id': 'wf', 'machine_info': {'i1': {'cpu': 4}}}"));
    }

    @Test
    void interceptorIdsAreTheUnionInFirstSeenOrder() {
        assertEquals(record("{'workflow_id': 'wf', 'interceptor_ids': ['a', 'b', 'c', 'd']}"),
                merge("{'workflow_id': 'wf', 'interceptor_ids': ['a', 'b']}",
                        "{'workflow_id': 'wf', 'interceptor_ids': ['c', 'b', 'a', 'd']}"));
        assertEquals(record("{'workflow_id': 'wf', 'interceptor_ids': ['a']}"),
                merge("{'workflow_id': 'wf', 'interceptor_ids': ['a']}", "{'workflow_id': 'wf', 'interceptor_ids': []}"));
        assertEquals(record("{'workflow_id': 'wf', 'interceptor_ids': ['a']}"),
                merge("{'workflow_id': 'wf'}", "{'workflow_id': 'wf', 'interceptor_ids': ['a']}"));
    }

    @ParameterizedTest
    @CsvSource({
        // stored, incoming, result
        "RUNNING, FINISHED, FINISHED",
        "RUNNING, ERROR, ERROR",
        "SUBMITTED, RUNNING, RUNNING",
        "RUNNING, SUBMITTED, SUBMITTED",  // non-terminal states are last-writer-wins
        "FINISHED, RUNNING, FINISHED",    // a late start record does not reopen a finished run
        "FINISHED, SUBMITTED, FINISHED",
        "FINISHED, WAITING, FINISHED",
        "FINISHED, UNKNOWN, FINISHED",
        "ERROR, RUNNING, ERROR",
        "ERROR, UNKNOWN, ERROR",
        "FINISHED, ERROR, ERROR",         // a terminal status may replace another terminal one
        "ERROR, FINISHED, FINISHED",
        "FINISHED, FINISHED, FINISHED",
    })
    void terminalStatusIsNotReplacedByANonTerminalOne(String stored, String incoming, String result) {
        assertEquals(result, merge("{'workflow_id': 'wf', 'status': '" + stored + "'}",
                "{'workflow_id': 'wf', 'status': '" + incoming + "'}").get("status").textValue());
    }

    @Test
    void statusAbsentOnOneSide() {
        assertEquals("FINISHED", merge("{'workflow_id': 'wf', 'status': 'FINISHED'}", "{'workflow_id': 'wf'}")
                .get("status").textValue());
        assertEquals("RUNNING", merge("{'workflow_id': 'wf'}", "{'workflow_id': 'wf', 'status': 'RUNNING'}")
                .get("status").textValue());
    }

    @Test
    void startAndEndRecordsMergeInEitherArrivalOrder() {
        String start = "{'workflow_id': 'wf', 'status': 'RUNNING', 'started_at': 1, 'interceptor_ids': ['i']}";
        String end = "{'workflow_id': 'wf', 'status': 'FINISHED', 'started_at': 1, 'ended_at': 2,"
                + " 'interceptor_ids': ['i']}";
        ObjectNode expected = record("{'workflow_id': 'wf', 'status': 'FINISHED', 'started_at': 1, 'ended_at': 2,"
                + " 'interceptor_ids': ['i']}");
        assertEquals(expected, merge(start, end));
        assertEquals(expected, merge(end, start));
    }

    @Test
    void inputsAreNotModifiedAndTheResultIsNew() {
        ObjectNode stored = record("{'workflow_id': 'wf', 'status': 'FINISHED', 'machine_info': {'a': {'x': 1}},"
                + " 'interceptor_ids': ['a']}");
        ObjectNode incoming = record("{'workflow_id': 'wf', 'status': 'RUNNING', 'machine_info': {'b': {'x': 2}},"
                + " 'interceptor_ids': ['b'], 'name': 'n'}");
        ObjectNode storedBefore = stored.deepCopy();
        ObjectNode incomingBefore = incoming.deepCopy();
        ObjectNode merged = RecordMerger.merge(stored, incoming);
        assertEquals(storedBefore, stored);
        assertEquals(incomingBefore, incoming);
        assertNotSame(stored, merged);
        assertNotSame(stored.get("machine_info"), merged.get("machine_info"));
        assertNotSame(stored.get("interceptor_ids"), merged.get("interceptor_ids"));
    }

    @Test
    void mergeIsAssociativeOverEveryStatusSequence() {
        List<String> statuses = new ArrayList<>(WorkflowRecords.STATUSES);
        statuses.add(null); // absent
        for (String a : statuses) {
            for (String b : statuses) {
                for (String c : statuses) {
                    ObjectNode x = withStatus(a);
                    ObjectNode y = withStatus(b);
                    ObjectNode z = withStatus(c);
                    assertEquals(RecordMerger.merge(RecordMerger.merge(x, y), z),
                            RecordMerger.merge(x, RecordMerger.merge(y, z)), a + " " + b + " " + c);
                }
            }
        }
    }

    @Test
    void mergeIsAssociativeForAStartEndResendSequence() {
        ObjectNode a = record("{'workflow_id': 'wf', 'status': 'RUNNING', 'started_at': 1, 'interceptor_ids': ['i1'],"
                + " 'machine_info': {'i1': {'cpu': 1}}}");
        ObjectNode b = record("{'workflow_id': 'wf', 'status': 'FINISHED', 'ended_at': 2, 'interceptor_ids': ['i2', 'i1'],"
                + " 'machine_info': {'i2': {'cpu': 2}}}");
        ObjectNode c = record("{'workflow_id': 'wf', 'status': 'RUNNING', 'generated': {'model': 'm.pt'},"
                + " 'interceptor_ids': ['i3'], 'machine_info': {'i1': {'cpu': 3}}}");
        ObjectNode expected = record("{'workflow_id': 'wf', 'status': 'FINISHED', 'started_at': 1, 'ended_at': 2,"
                + " 'generated': {'model': 'm.pt'}, 'interceptor_ids': ['i1', 'i2', 'i3'],"
                + " 'machine_info': {'i1': {'cpu': 3}, 'i2': {'cpu': 2}}}");
        assertEquals(expected, RecordMerger.merge(RecordMerger.merge(a, b), c));
        assertEquals(expected, RecordMerger.merge(a, RecordMerger.merge(b, c)));
    }

    private static ObjectNode withStatus(String status) {
        ObjectNode node = record("{'workflow_id': 'wf'}");
        if (status != null) {
            node.put("status", status);
        }
        return node;
    }
}
