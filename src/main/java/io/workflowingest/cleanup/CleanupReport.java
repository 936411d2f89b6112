package io.workflowingest.cleanup;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Response of {@code POST /api/v1/admin/cleanup} (API.md "Delete and cleanup").
 *
 * <p>{@code matched}: records matching at the start of the run, counted up to {@code max_records}
 * or {@value CleanupService#COUNT_LIMIT}, whichever is smaller. {@code deleted}: records this run deleted,
 * in {@code batches} statements. {@code complete: false}: more records match than this run
 * deleted (or, in a dry run, counted); another run continues where it stopped.
 * {@code cutoff} is ISO-8601 UTC.
 */
public record CleanupReport(
        @JsonProperty("dry_run") boolean dryRun,
        String cutoff,
        long matched,
        long deleted,
        int batches,
        @JsonProperty("duration_ms") long durationMs,
        boolean complete) {

    /** The {@code outcome} of the log line: complete or partial (disabled and failed come from elsewhere). */
    String outcome() {
        return complete ? CleanupService.OUTCOME_COMPLETE : CleanupService.OUTCOME_PARTIAL;
    }
}
