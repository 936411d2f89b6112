package io.workflowingest.cleanup;

/**
 * A validated cleanup: delete records last updated more than {@code olderThanDays} days ago,
 * optionally only of one campaign and/or one status (upper-case, RECORD.md vocabulary), at most
 * {@code maxRecords} of them (null: no bound but time), or only count them ({@code dryRun}).
 */
public record CleanupRequest(int olderThanDays, String campaignId, String status, boolean dryRun, Long maxRecords) {
}
