package io.workflowingest.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The merge upsert: one statement, one round trip, for one record or a whole batch.
 *
 * <p>Atomicity comes from {@code INSERT ... ON CONFLICT DO UPDATE}: PostgreSQL takes the row
 * lock and applies {@code workflow_merge(stored, incoming)} (V1 migration) inside the same
 * statement, so concurrent posts for one id serialize on the row and lose nothing. Rows are fed
 * in {@code workflow_id} order so concurrent batches lock in one order; a deadlock or
 * serialization failure that still happens is retried up to 3 times, then answered 503.
 * {@code xmax = 0} in RETURNING is PostgreSQL's mark of a freshly inserted row version, which
 * tells created from merged without a second query.
 */
@ApplicationScoped
public class WorkflowWriter {

    static final String UPSERT = """
            insert into workflows as w (workflow_id, doc, revision)
            select id, cast(doc as jsonb), records
              from unnest($1::text[], $2::text[], $3::int4[]) as incoming(id, doc, records)
             order by id
            on conflict (workflow_id) do update
               set doc = workflow_merge(w.doc, excluded.doc),
                   revision = w.revision + excluded.revision,
                   updated_at = now()
            returning workflow_id, revision, (xmax = 0) as created
            """;

    private static final int RETRIES = 3;

    @Inject
    Pool pool;

    /** Merges each pending document into its row; ids must be distinct (merge duplicates first). */
    public Uni<Map<String, StoredWorkflow>> upsert(List<PendingWorkflow> pending) {
        if (pending.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String[] ids = new String[pending.size()];
        String[] docs = new String[pending.size()];
        Integer[] records = new Integer[pending.size()];
        for (int i = 0; i < ids.length; i++) {
            PendingWorkflow p = pending.get(i);
            ids[i] = p.workflowId();
            docs[i] = p.docJson();
            records[i] = p.records();
        }
        Tuple params = Tuple.of(ids, docs, records);
        // A single statement is its own transaction: no BEGIN/COMMIT round trips.
        return pool.preparedQuery(UPSERT).execute(params)
                .onFailure(WorkflowWriter::isLockConflict).retry().atMost(RETRIES)
                .map(rows -> {
                    Map<String, StoredWorkflow> stored = new HashMap<>(rows.size() * 2);
                    for (Row row : rows) {
                        StoredWorkflow s = new StoredWorkflow(row.getString(0), row.getInteger(1), row.getBoolean(2));
                        stored.put(s.workflowId(), s);
                    }
                    return stored;
                });
    }

    static boolean isLockConflict(Throwable failure) {
        return failure instanceof PgException pg
                && ("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()));
    }
}
