package io.workflowingest.store;

/**
 * A normalized document ready for the merge upsert: {@code records} is how many accepted
 * records were merged into it in memory (the revision grows by that much, RECORD.md).
 */
public record PendingWorkflow(String workflowId, String docJson, int records) {
}
