package io.workflowingest.cleanup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Response of the scheduled run ({@code /internal/cleanup}): the same figures as the admin
 * endpoint, with the {@code outcome} of the log line and the configured retention. Nobody
 * waits for it (the scheduler invokes asynchronously); it serves a manual invocation and tests.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduledCleanupResult(
        String outcome,
        @JsonProperty("retention_days") int retentionDays,
        String detail,
        String cutoff,
        long matched,
        long deleted,
        int batches,
        @JsonProperty("duration_ms") long durationMs,
        boolean complete) {

    static ScheduledCleanupResult of(int retentionDays, CleanupReport report) {
        return new ScheduledCleanupResult(report.outcome(), retentionDays, null, report.cutoff(), report.matched(),
                report.deleted(), report.batches(), report.durationMs(), report.complete());
    }

    static ScheduledCleanupResult disabled() {
        return new ScheduledCleanupResult(CleanupService.OUTCOME_DISABLED, 0,
                "Scheduled cleanup is disabled (ingest.retention.days = 0); nothing was deleted.",
                null, 0, 0, 0, 0, true);
    }
}
