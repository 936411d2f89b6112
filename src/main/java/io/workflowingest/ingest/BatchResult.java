package io.workflowingest.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.workflowingest.record.Problem;

import java.util.List;

/** Response of POST /api/v1/workflows/batch (API.md "Ingest"). */
public record BatchResult(String status, Summary summary, List<Failure> failed) {

    /** {@code received} is the sum of the other four. */
    public record Summary(int received, int created, int updated, int failed, int skipped) {
    }

    /** One rejected record: its 0-based index in the batch and every problem found in it. */
    public record Failure(int index, @JsonProperty("workflow_id") String workflowId, List<Problem> errors) {
    }
}
