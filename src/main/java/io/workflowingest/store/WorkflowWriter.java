package io.workflowingest.store;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The merge upsert: one statement for one record or a batch of up to 100 (see below for larger).
 *
 * <p>Atomicity comes from {@code INSERT ... ON CONFLICT DO UPDATE}: PostgreSQL takes the row
 * lock and applies {@code workflow_merge(stored, incoming)} (V1 migration) inside the same
 * statement, so concurrent posts for one id serialize on the row and lose nothing. Rows are fed
 * in {@code workflow_id} order so concurrent batches lock in one order; a deadlock or
 * serialization failure that still happens is retried up to 3 times, then answered 503.
 * {@code xmax = 0} in RETURNING is PostgreSQL's mark of a freshly inserted row version, which
 * tells created from merged without a second query.
 *
 * <p>A large batch is written as several such statements in one transaction
 * ({@link #upsertInOneTransaction}), each sent as soon as the caller has read its records: the
 * function reads and normalizes the next records while PostgreSQL stores the previous ones,
 * instead of the two taking turns (bench/RESULTS.md). All of it commits or none of it does.
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
        // A single statement is its own transaction: no BEGIN/COMMIT round trips.
        return execute(pool, pending).onFailure(WorkflowWriter::isLockConflict).retry().atMost(RETRIES);
    }

    /**
     * Merges every chunk {@code chunks} yields, one statement per chunk (its ids distinct; an id
     * may recur in a later chunk and then merges into what the earlier one stored), all in one
     * transaction. Each statement is sent as soon as its chunk is read, and {@code chunks} is read
     * on a worker thread while PostgreSQL runs the statements already sent. The answer
     * holds one map per chunk, in order. A deadlock or serialization failure (two batches locking
     * the same ids in different orders across chunks) rolls everything back and sends the same
     * documents again in lock order ({@link #sendInLockOrder}), up to 3 times, then fails with it.
     */
    public Uni<List<Map<String, StoredWorkflow>>> upsertInOneTransaction(Iterator<List<PendingWorkflow>> chunks) {
        List<List<PendingWorkflow>> read = new ArrayList<>();
        Iterator<List<PendingWorkflow>> recording = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return chunks.hasNext();
            }

            @Override
            public List<PendingWorkflow> next() {
                List<PendingWorkflow> chunk = chunks.next();
                read.add(chunk);
                return chunk;
            }
        };
        // The chunks are read on a worker thread: the connection's event loop must stay free to
        // answer PostgreSQL meanwhile (each statement is prepared in a round trip of its own
        // before it runs: unnamed statements, nothing cached, which RDS Proxy needs to avoid
        // pinning), else nothing runs until the whole batch has been read.
        return pool.withTransaction(conn -> Uni.createFrom().deferred(() -> sendAll(conn, recording))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                // The first attempt always reads every chunk (sendAll loops to the end before it
                // waits), so a retry has them all without reading the batch again.
                .onFailure(WorkflowWriter::isLockConflict).recoverWithUni(conflict -> Uni.createFrom()
                        .deferred(() -> sendInLockOrder(read))
                        .onFailure(WorkflowWriter::isLockConflict).retry().atMost(RETRIES - 1));
    }

    /**
     * A batch's retry after a deadlock: the same documents in one transaction, regrouped so that
     * it takes its row locks in one global order. Round r holds each id's r-th document (from the
     * r-th chunk that held the id, so each id's documents keep their order); only the first round
     * takes locks, in workflow_id order like any single statement, and later rounds touch rows
     * it already holds. Two retries therefore never deadlock each other. The answer is mapped
     * back onto the original chunks.
     */
    private Uni<List<Map<String, StoredWorkflow>>> sendInLockOrder(List<List<PendingWorkflow>> chunks) {
        List<List<PendingWorkflow>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int[][] roundOf = new int[chunks.size()][];
        for (int c = 0; c < chunks.size(); c++) {
            List<PendingWorkflow> chunk = chunks.get(c);
            roundOf[c] = new int[chunk.size()];
            for (int i = 0; i < chunk.size(); i++) {
                int round = seen.merge(chunk.get(i).workflowId(), 1, Integer::sum) - 1;
                roundOf[c][i] = round;
                if (round == rounds.size()) {
                    rounds.add(new ArrayList<>());
                }
                rounds.get(round).add(chunk.get(i));
            }
        }
        return pool.withTransaction(conn -> sendAll(conn, rounds.iterator())).map(stored -> {
            List<Map<String, StoredWorkflow>> byChunk = new ArrayList<>(chunks.size());
            for (int c = 0; c < chunks.size(); c++) {
                Map<String, StoredWorkflow> chunkStored = new HashMap<>();
                for (int i = 0; i < chunks.get(c).size(); i++) {
                    String id = chunks.get(c).get(i).workflowId();
                    chunkStored.put(id, stored.get(roundOf[c][i]).get(id));
                }
                byChunk.add(chunkStored);
            }
            return byChunk;
        });
    }

    private static Uni<List<Map<String, StoredWorkflow>>> sendAll(SqlConnection conn, Iterator<List<PendingWorkflow>> chunks) {
        List<CompletableFuture<Map<String, StoredWorkflow>>> sent = new ArrayList<>();
        while (chunks.hasNext()) {
            // Subscribing hands the statement to the connection now (the client queues them and
            // sends each as the previous one is prepared); PostgreSQL runs it while this loop
            // reads the next chunk.
            sent.add(execute(conn, chunks.next()).subscribeAsCompletionStage());
        }
        // Wait for every statement, failed or not, before the transaction ends.
        CompletableFuture<Void> all = CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
        return Uni.createFrom().completionStage(all.handle((ignored, failure) -> sent)).flatMap(done -> {
            List<Map<String, StoredWorkflow>> stored = new ArrayList<>(done.size());
            for (CompletableFuture<Map<String, StoredWorkflow>> statement : done) {
                try {
                    stored.add(statement.join());
                } catch (CompletionException e) {
                    // The first failure in chunk order is the cause; the statements after it
                    // only report that the transaction is already aborted (25P02).
                    return Uni.createFrom().failure(e.getCause());
                }
            }
            return Uni.createFrom().item(stored);
        });
    }

    private static Uni<Map<String, StoredWorkflow>> execute(SqlClient client, List<PendingWorkflow> pending) {
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
        return client.preparedQuery(UPSERT).execute(Tuple.of(ids, docs, records))
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
