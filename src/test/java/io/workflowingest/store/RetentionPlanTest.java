package io.workflowingest.store;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.workflowingest.store.WorkflowDeletes.ExpiryScope;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The retention statements at a realistic shape: 100,000 records updated within the last year
 * and 2,000 past a 365-day cutoff (what a daily scheduled run finds), then EXPLAIN of exactly the
 * statements {@link WorkflowDeletes} runs, with their parameters. Unscoped (the scheduled run),
 * the batch delete, the bounded count and the any-left check must walk
 * {@code workflows_updated_idx}; scoped ones may use the scope's index; none may scan the table.
 * (Apart from {@link QueryPlanTest} on purpose: its load has no spread of updated_at.)
 */
@QuarkusTest
class RetentionPlanTest {

    static final int FRESH = 100_000;
    static final int EXPIRED = 2_000;
    static final Duration WAIT = QueryPlans.WAIT;

    @Inject
    Pool pool;

    void assertIndexed(SqlStatement statement, String... expected) {
        QueryPlans.assertIndexed(pool, statement, expected);
    }

    @Test
    void retentionStatementsWalkTheUpdatedAtIndex() {
        String p = "retention-plan-" + UUID.randomUUID();
        try {
            load(p);
            OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minusDays(365);
            ExpiryScope everything = new ExpiryScope(cutoff, null, null);
            // The scheduled run and an unscoped admin run: the oldest first, batch by batch.
            assertIndexed(WorkflowDeletes.deleteExpiredBatchStatement(everything, 1000), "workflows_updated_idx");
            assertIndexed(WorkflowDeletes.countExpiredStatement(everything, 1_000_001), "workflows_updated_idx");
            assertIndexed(WorkflowDeletes.anyExpiredStatement(everything), "workflows_updated_idx");
            // Scoped by status (a third of the rows) or campaign (1%): the time index, or the
            // scope's own index where that serves better; never the table.
            for (ExpiryScope scope : List.of(new ExpiryScope(cutoff, null, "FINISHED"), new ExpiryScope(cutoff, p + "-c7", null),
                    new ExpiryScope(cutoff, p + "-c7", "ERROR"))) {
                String[] indexes = { "workflows_updated_idx", "workflows_status_idx", "workflows_campaign_cover_idx" };
                assertIndexed(WorkflowDeletes.deleteExpiredBatchStatement(scope, 1000), indexes);
                assertIndexed(WorkflowDeletes.countExpiredStatement(scope, 1_000_001), indexes);
                assertIndexed(WorkflowDeletes.anyExpiredStatement(scope), indexes);
            }
        } finally {
            pool.withTransaction(tx -> tx.query("set local statement_timeout = '300s'").execute()
                    .chain(() -> tx.preparedQuery("delete from workflows where workflow_id like $1").execute(Tuple.of(p + "-%"))))
                    .await().atMost(Duration.ofMinutes(5));
        }
    }

    /** FRESH records updated up to 360 days ago and EXPIRED ones 400 days ago and more, in 100 campaigns. */
    void load(String p) {
        // One transaction with its own statement timeout: on a busy machine this load can take
        // longer than the 20 s the test profile gives every statement.
        pool.withTransaction(tx -> tx.query("set local statement_timeout = '300s'").execute().chain(() -> tx.preparedQuery("""
                insert into workflows (workflow_id, doc, updated_at)
                select $1 || '-' || i,
                       jsonb_build_object('workflow_id', $1 || '-' || i, 'type', 'workflow',
                                          'campaign_id', $1 || '-c' || (i % 100),
                                          'status', (array['FINISHED', 'ERROR', 'RUNNING'])[1 + i % 3]),
                       case when i <= $2::int then now() - (i * 311 % 360) * interval '1 day' - (i % 86400) * interval '1 second'
                            else now() - interval '400 days' - (i - $2::int) * interval '1 minute' end
                  from generate_series(1, $2::int + $3::int) as i
                """).execute(Tuple.of(p, FRESH, EXPIRED)))).await().atMost(Duration.ofMinutes(5));
        pool.query("analyze workflows").execute().await().atMost(WAIT);
        long expired = pool.preparedQuery("select count(*) from workflows where workflow_id like $1 and updated_at < now() - interval '365 days'")
                .execute(Tuple.of(p + "-%")).await().atMost(WAIT).iterator().next().getLong(0);
        assertEquals(EXPIRED, expired);
    }
}
