package io.workflowingest.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Response of POST /api/v1/workflows. */
public record IngestResult(@JsonProperty("workflow_id") String workflowId, int revision, boolean created) {
}
