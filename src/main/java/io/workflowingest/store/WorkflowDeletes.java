package io.workflowingest.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Every delete of the service: retention batches, one record, one subtree. Each method is a
 * single statement, so each is its own short transaction and one round trip.
 */
@ApplicationScoped
public class WorkflowDeletes {

    /**
     * Deletes the subtree below a root (the root included), cycle-safe, all or nothing.
     * {@code UNION} (not {@code UNION ALL}) drops rows already reached, so a cycle, or a record
     * naming itself as parent, ends the walk. The walk stops after $2 rows (the cap plus one:
     * enough to tell "too many"), and the delete runs only when fewer were found, so an
     * oversized subtree deletes nothing. A data-modifying CTE always runs exactly once, whether
     * or not the outer query reads it.
     */
    static final String DELETE_SUBTREE = """
            with recursive subtree(workflow_id) as (
                select workflow_id from workflows where workflow_id = $1
              union
                select w.workflow_id
                  from workflows w
                  join subtree s on w.parent_workflow_id = s.workflow_id
            ), found as (
                select workflow_id from subtree limit $2
            ), deleted as (
                delete from workflows
                 where workflow_id in (select workflow_id from found)
                   and (select count(*) from found) < $2
                returning 1
            )
            select (select count(*) from found) as found, (select count(*) from deleted) as deleted
            """;

    static final String DELETE_ONE = "delete from workflows where workflow_id = $1";

    private final Pool pool;

    WorkflowDeletes(Pool pool) {
        this.pool = pool;
    }

    /** Deletes one record; false when it did not exist. */
    public Uni<Boolean> deleteOne(String workflowId) {
        return pool.preparedQuery(DELETE_ONE).execute(Tuple.of(workflowId))
                .map(rows -> rows.rowCount() > 0);
    }

    /**
     * Deletes {@code rootId} and every workflow below it through {@code parent_workflow_id}, when
     * that is at most {@code maxRecords} records; otherwise deletes nothing.
     */
    public Uni<SubtreeDeletion> deleteSubtree(String rootId, int maxRecords) {
        return pool.preparedQuery(DELETE_SUBTREE).execute(Tuple.of(rootId, maxRecords + 1))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    long found = row.getLong("found");
                    long deleted = row.getLong("deleted");
                    return new SubtreeDeletion(found > maxRecords, found == 0 ? 0 : (int) Math.min(found, maxRecords), (int) deleted);
                });
    }

    /** How many records match {@code scope}, counting at most {@code limit} (an index range scan, bounded). */
    public Uni<Long> countExpired(ExpiryScope scope, long limit) {
        SqlStatement count = countExpiredStatement(scope, limit);
        return pool.preparedQuery(count.sql()).execute(count.tuple())
                .map(rows -> rows.iterator().next().getLong(0));
    }

    static SqlStatement countExpiredStatement(ExpiryScope scope, long limit) {
        Statement where = where(scope);
        String sql = "select count(*) from (select 1 from workflows where " + where.sql
                + " limit $" + (where.params.size() + 1) + ") as matched";
        where.params.add(limit);
        return new SqlStatement(sql, where.params);
    }

    /** Whether any record matches {@code scope}. */
    public Uni<Boolean> anyExpired(ExpiryScope scope) {
        SqlStatement any = anyExpiredStatement(scope);
        return pool.preparedQuery(any.sql()).execute(any.tuple())
                .map(rows -> rows.size() > 0);
    }

    /**
     * The oldest matching row, if any. Not {@code select exists (...)}: for that the planner
     * expects matches spread evenly through the table and picks a sequential scan that stops at
     * the first, which reads the whole table when nothing (or only its far end) matches; it also
     * drops an ORDER BY inside EXISTS. Ordered by {@code updated_at}, the oldest row comes from
     * the index.
     */
    static SqlStatement anyExpiredStatement(ExpiryScope scope) {
        Statement where = where(scope);
        return new SqlStatement("select 1 from workflows where " + where.sql + " order by updated_at limit 1", where.params);
    }

    /**
     * Deletes up to {@code limit} of the oldest records matching {@code scope}; returns how many.
     * One statement: the inner select walks the {@code updated_at} index and locks its rows
     * ({@code FOR UPDATE}, which re-checks the predicate on a row updated since the snapshot),
     * skipping rows an ingest holds right now (that ingest is moving them past the cutoff).
     * The outer delete checks the cutoff once more. So a record updated after the cutoff is
     * never deleted, and a cleanup never waits on, or blocks, ingestion for long.
     */
    public Uni<Integer> deleteExpiredBatch(ExpiryScope scope, int limit) {
        SqlStatement delete = deleteExpiredBatchStatement(scope, limit);
        return pool.preparedQuery(delete.sql()).execute(delete.tuple()).map(rows -> rows.rowCount());
    }

    /** The statement of {@link #deleteExpiredBatch}, apart so that its plan can be checked. */
    static SqlStatement deleteExpiredBatchStatement(ExpiryScope scope, int limit) {
        Statement where = where(scope);
        int limitParam = where.params.size() + 1;
        String sql = "delete from workflows where workflow_id in ("
                + "select workflow_id from workflows where " + where.sql
                + " order by updated_at limit $" + limitParam + " for update skip locked)"
                + " and updated_at < $1";
        where.params.add(limit);
        return new SqlStatement(sql, where.params);
    }

    /**
     * The retention predicate. Only fixed SQL fragments are joined; every value is a parameter.
     * One text per combination of filters lets the planner pick the best index for each.
     */
    private static Statement where(ExpiryScope scope) {
        List<Object> params = new ArrayList<>(4);
        StringBuilder sql = new StringBuilder("updated_at < $1");
        params.add(scope.cutoff());
        if (scope.campaignId() != null) {
            params.add(scope.campaignId());
            sql.append(" and campaign_id = $").append(params.size());
        }
        if (scope.status() != null) {
            params.add(scope.status());
            sql.append(" and status = $").append(params.size());
        }
        return new Statement(sql.toString(), params);
    }

    private record Statement(String sql, List<Object> params) {
    }

    /** Records last updated before {@code cutoff}, optionally only of one campaign and/or status. */
    public record ExpiryScope(OffsetDateTime cutoff, String campaignId, String status) {
    }

    /**
     * Outcome of a subtree delete: {@code tooLarge} when the subtree exceeded the cap (nothing was
     * deleted); {@code found} records in the subtree (0: the root does not exist); {@code deleted}.
     */
    public record SubtreeDeletion(boolean tooLarge, int found, int deleted) {
    }
}
