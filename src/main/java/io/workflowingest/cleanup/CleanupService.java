package io.workflowingest.cleanup;

import io.smallrye.mutiny.Uni;
import io.workflowingest.platform.ApiException;
import io.workflowingest.platform.IngestConfig;
import io.workflowingest.store.WorkflowDeletes;
import io.workflowingest.store.WorkflowDeletes.ExpiryScope;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Retention and deletion, for all three entry points: the admin endpoint, the scheduled
 * invocation, and {@code DELETE /api/v1/workflows/{id}}.
 *
 * <p>A cleanup counts the matching records (bounded), then deletes them oldest first in batches
 * of {@code ingest.retention.batch-size}, each batch one statement and so its own short
 * transaction. Before each further batch it checks the time budget: when the slowest batch so
 * far would not fit in what is left, it stops and reports {@code complete: false}. The first
 * batch always runs, so repeated runs always make progress however small the budget.
 *
 * <p>Each run logs one line on logger {@value #LOG_CATEGORY} with {@code outcome}
 * (complete, partial, disabled, failed) and its figures, both in the message and as MDC fields
 * (in production's JSON log they are keys of the {@code mdc} object), because the scheduler
 * invokes asynchronously and never sees the response: alarms watch this line.
 */
@ApplicationScoped
public class CleanupService {

    public static final String LOG_CATEGORY = "io.workflowingest.cleanup";
    /** API.md: a cascade deletes at most this many records in its one transaction. */
    public static final int CASCADE_LIMIT = 10_000;
    /** {@code matched} is counted up to max_records or this many, whichever is smaller (a bounded index scan). */
    public static final long COUNT_LIMIT = 1_000_000;

    static final String OUTCOME_COMPLETE = "complete";
    static final String OUTCOME_PARTIAL = "partial";
    static final String OUTCOME_DISABLED = "disabled";
    static final String OUTCOME_FAILED = "failed";

    static final String TRIGGER_ADMIN = "admin";
    static final String TRIGGER_SCHEDULED = "scheduled";

    private static final Logger LOG = Logger.getLogger(LOG_CATEGORY);

    private final WorkflowDeletes deletes;
    private final IngestConfig.Retention retention;

    CleanupService(WorkflowDeletes deletes, IngestConfig config) {
        this.deletes = deletes;
        this.retention = config.retention();
    }

    /** The admin cleanup: the request's scope, within {@code budget}. */
    public Uni<CleanupReport> clean(CleanupRequest request, Duration budget) {
        return new Run(request, budget, TRIGGER_ADMIN).start();
    }

    /** The scheduled cleanup: {@code ingest.retention.days}, all campaigns, within {@code budget}. */
    public Uni<ScheduledCleanupResult> cleanScheduled(Duration budget) {
        int days = retention.days();
        if (days == 0) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("outcome", OUTCOME_DISABLED);
            fields.put("trigger", TRIGGER_SCHEDULED);
            fields.put("retention_days", 0);
            logLine(Logger.Level.INFO, fields);
            return Uni.createFrom().item(ScheduledCleanupResult.disabled());
        }
        CleanupRequest request = new CleanupRequest(days, null, null, false, null);
        return new Run(request, budget, TRIGGER_SCHEDULED).start().map(report -> ScheduledCleanupResult.of(days, report));
    }

    /**
     * Deletes one workflow, or with {@code cascade} its whole subtree through
     * {@code parent_workflow_id} in one transaction of at most {@value #CASCADE_LIMIT} records.
     * 404 when it does not exist; 409 (nothing deleted) when the subtree is larger.
     */
    public Uni<Void> deleteWorkflow(String workflowId, boolean cascade) {
        if (!cascade) {
            return deletes.deleteOne(workflowId).map(found -> {
                if (!found) {
                    throw notFound(workflowId);
                }
                LOG.infof("delete workflow_id=%s deleted=1", printable(workflowId));
                return null;
            });
        }
        return deletes.deleteSubtree(workflowId, CASCADE_LIMIT).map(result -> {
            if (result.tooLarge()) {
                throw new ApiException(409, "subtree-too-large", "Conflict",
                        "Workflow '" + workflowId + "' has more than " + CASCADE_LIMIT
                                + " records in its subtree (itself and its descendants); nothing was deleted. "
                                + "Delete some of its sub-workflows with cascade=descendants first.",
                        null, null);
            }
            if (result.found() == 0) {
                throw notFound(workflowId);
            }
            LOG.infof("delete workflow_id=%s cascade=descendants deleted=%d", printable(workflowId), result.deleted());
            return null;
        });
    }

    static ApiException notFound(String workflowId) {
        return ApiException.notFound("No workflow with workflow_id '" + workflowId + "'.");
    }

    /** One cleanup run: its state lives here; its steps run one after another, never concurrently. */
    private final class Run {
        private final CleanupRequest request;
        private final ExpiryScope scope;
        private final Instant cutoff;
        private final String trigger;
        private final long budgetNanos;
        private final long startNanos = System.nanoTime();
        private long matched;
        private long deleted;
        private int batches;
        private long slowestBatchNanos;

        Run(CleanupRequest request, Duration budget, String trigger) {
            this.request = request;
            // Millisecond precision: the cutoff is reported, and must read back as what was used.
            this.cutoff = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(request.olderThanDays()));
            this.scope = new ExpiryScope(cutoff.atOffset(ZoneOffset.UTC), request.campaignId(), request.status());
            this.trigger = trigger;
            this.budgetNanos = Math.max(0, budget.toNanos());
        }

        Uni<CleanupReport> start() {
            long bound = request.maxRecords() == null ? COUNT_LIMIT : Math.min(request.maxRecords(), COUNT_LIMIT);
            return deletes.countExpired(scope, bound + 1)
                    .flatMap(count -> {
                        matched = Math.min(count, bound);
                        if (request.dryRun()) {
                            return finish(count <= bound);
                        }
                        return count == 0 ? finish(true) : nextBatch();
                    })
                    .onFailure().invoke(this::logFailure);
        }

        private Uni<CleanupReport> nextBatch() {
            long allowed = request.maxRecords() == null ? Long.MAX_VALUE : request.maxRecords() - deleted;
            int limit = (int) Math.min(retention.batchSize(), allowed);
            long batchStart = System.nanoTime();
            return deletes.deleteExpiredBatch(scope, limit).flatMap(count -> {
                batches++;
                deleted += count;
                slowestBatchNanos = Math.max(slowestBatchNanos, System.nanoTime() - batchStart);
                if (count < limit) {
                    // Nothing more matched (rows an ingest held were being moved past the cutoff).
                    return finish(true);
                }
                boolean maxReached = request.maxRecords() != null && deleted >= request.maxRecords();
                boolean outOfTime = System.nanoTime() - startNanos + slowestBatchNanos >= budgetNanos;
                if (maxReached || outOfTime) {
                    return deletes.anyExpired(scope).flatMap(more -> finish(!more));
                }
                return nextBatch();
            });
        }

        private Uni<CleanupReport> finish(boolean complete) {
            // One clock reading: the response and the log line must report the same duration.
            long durationMillis = elapsedMillis();
            CleanupReport report = new CleanupReport(request.dryRun(), cutoff.toString(), matched, deleted, batches,
                    durationMillis, complete);
            Map<String, Object> fields = fields(report.outcome(), durationMillis);
            fields.put("complete", complete);
            logLine(Logger.Level.INFO, fields);
            return Uni.createFrom().item(report);
        }

        private void logFailure(Throwable failure) {
            Map<String, Object> fields = fields(OUTCOME_FAILED, elapsedMillis());
            fields.put("error", failure.getClass().getSimpleName() + ": " + failure.getMessage());
            // No stack trace: one line stays one line; the response path logs bugs in full.
            logLine(Logger.Level.ERROR, fields);
        }

        private Map<String, Object> fields(String outcome, long durationMillis) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("outcome", outcome);
            fields.put("trigger", trigger);
            fields.put("dry_run", request.dryRun());
            fields.put("cutoff", cutoff.toString());
            if (request.campaignId() != null) {
                fields.put("campaign_id", request.campaignId());
            }
            if (request.status() != null) {
                fields.put("status", request.status());
            }
            if (request.maxRecords() != null) {
                fields.put("max_records", request.maxRecords());
            }
            fields.put("matched", matched);
            fields.put("deleted", deleted);
            fields.put("batches", batches);
            fields.put("duration_ms", durationMillis);
            return fields;
        }

        private long elapsedMillis() {
            return (System.nanoTime() - startNanos) / 1_000_000;
        }
    }

    /**
     * The one line of a run: {@code cleanup outcome=... key=value ...}, the same pairs as MDC
     * fields. Values an operator typed (campaign ids) are made printable so they cannot forge
     * log lines in the plain-text format.
     */
    private static void logLine(Logger.Level level, Map<String, Object> fields) {
        StringBuilder message = new StringBuilder("cleanup");
        fields.forEach((key, value) -> message.append(' ').append(key).append('=').append(printable(String.valueOf(value))));
        fields.forEach((key, value) -> MDC.put(key, String.valueOf(value)));
        try {
            LOG.log(level, message.toString());
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }

    static String printable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
