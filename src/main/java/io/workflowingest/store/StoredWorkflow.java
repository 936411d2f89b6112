package io.workflowingest.store;

/** What the upsert did to one workflow_id: its revision now, and whether the row is new. */
public record StoredWorkflow(String workflowId, int revision, boolean created) {
}
