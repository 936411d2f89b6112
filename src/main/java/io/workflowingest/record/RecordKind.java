package io.workflowingest.record;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a batch item is, by its {@code type} marker (API.md "Ingest"): Flowcept's buffer files mix
 * workflow, task and agent messages, and only workflows are records here.
 */
public enum RecordKind {
    /** An object with absent or null {@code type}, or {@code "type": "workflow"}: validate and store it. */
    WORKFLOW,
    /** An object whose {@code type} is a string other than {@code "workflow"}: counted as skipped. */
    SKIPPED,
    /** Not an object, or a {@code type} that is neither a string nor null: validation reports it. */
    INVALID;

    public static RecordKind of(JsonNode node) {
        if (node == null || !node.isObject()) {
            return INVALID;
        }
        JsonNode type = node.get(WorkflowFields.TYPE);
        if (type == null || type.isNull()) {
            return WORKFLOW;
        }
        if (!type.isTextual()) {
            return INVALID;
        }
        return WorkflowFields.WORKFLOW_TYPE.equals(type.textValue()) ? WORKFLOW : SKIPPED;
    }
}
