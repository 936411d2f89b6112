package io.workflowingest.record;

import static io.workflowingest.record.TestJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** API.md "Ingest": objects typed other than "workflow" are skipped, not failed. */
class RecordKindTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"workflow_id\": \"a\"}                        | WORKFLOW",
        "{\"workflow_id\": \"a\", \"type\": null}        | WORKFLOW",
        "{\"workflow_id\": \"a\", \"type\": \"workflow\"} | WORKFLOW",
        "{}                                              | WORKFLOW",
        "{\"task_id\": \"t\", \"type\": \"task\"}        | SKIPPED",
        "{\"type\": \"agent\"}                           | SKIPPED",
        "{\"type\": \"Workflow\"}                        | SKIPPED",
        "{\"type\": \"\"}                                | SKIPPED",
        "{\"type\": 5}                                   | INVALID",
        "{\"type\": [\"workflow\"]}                      | INVALID",
        "{\"type\": true}                                | INVALID",
        "[{\"type\": \"workflow\"}]                      | INVALID",
        "\"workflow\"                                    | INVALID",
        "null                                            | INVALID",
    })
    void kindFollowsTheTypeMarker(String body, RecordKind kind) {
        assertEquals(kind, RecordKind.of(json(body)));
    }

    @org.junit.jupiter.api.Test
    void nullIsInvalid() {
        assertEquals(RecordKind.INVALID, RecordKind.of(null));
    }
}
