package io.workflowingest.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import io.workflowingest.platform.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the read statements of {@link WorkflowQueries} through the reactive pool.
 *
 * <p>Each runs in its own short transaction whose first statement sets
 * {@code statement_timeout} with {@code set_config(..., is_local => true)} (SET LOCAL): the
 * limit {@code ingest.query.timeout} holds for that statement only and ends with the
 * transaction, so no session state outlives it (nothing for a connection proxy to pin). A
 * statement cancelled by it fails with SQLSTATE 57014, which platform/DatabaseFaults answers as
 * 503 {@code query-timeout}.
 */
@ApplicationScoped
public class ReadStore {

    private final Pool pool;
    private final String timeoutMillis;

    ReadStore(Pool pool, IngestConfig config) {
        this.pool = pool;
        this.timeoutMillis = Long.toString(Math.max(1, config.query().timeout().toMillis()));
    }

    public Uni<RowSet<Row>> run(SqlStatement statement) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("select set_config('statement_timeout', $1, true)").execute(Tuple.of(timeoutMillis))
                .chain(() -> connection.preparedQuery(statement.sql()).execute(statement.tuple())));
    }

    /** Rows of a paged statement (body, key texts..., id, bytes) as a page. */
    public Uni<Page> page(SqlStatement statement, int keyCount) {
        return run(statement).map(rows -> {
            List<Page.Item> items = new ArrayList<>();
            boolean more = false;
            for (Row row : rows) {
                String body = row.getString(0);
                if (body == null) {
                    more = true;
                    break;
                }
                List<String> keys = new ArrayList<>(keyCount);
                for (int i = 1; i <= keyCount; i++) {
                    keys.add(row.getString(i));
                }
                items.add(new Page.Item(body, keys, row.getString(keyCount + 1), row.getInteger(keyCount + 2)));
            }
            return new Page(items, more);
        });
    }

    /** The lineage walk's nodes in order; empty when the root is absent. {@code truncated} when the cap or budget cut it. */
    public Uni<Lineage> lineage(SqlStatement statement) {
        return run(statement).map(rows -> {
            List<LineageNode> nodes = new ArrayList<>();
            boolean truncated = false;
            for (Row row : rows) {
                String body = row.getString(0);
                if (body == null) {
                    truncated = true;
                    break;
                }
                nodes.add(new LineageNode(row.getString(1), row.getString(2), row.getInteger(3), body));
            }
            return new Lineage(nodes, truncated);
        });
    }

    public record Lineage(List<LineageNode> nodes, boolean truncated) {
    }

    /** The single text column of the first row, if any. */
    public Uni<Optional<String>> single(SqlStatement statement) {
        return run(statement).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? Optional.ofNullable(it.next().getString(0)) : Optional.empty();
        });
    }

    /** Whether PostgreSQL accepts {@code pattern} as a regular expression (SQLSTATE 2201B otherwise). */
    public Uni<Boolean> isValidRegex(String pattern) {
        SqlStatement check = WorkflowQueries.regexCheck(pattern);
        return pool.preparedQuery(check.sql()).execute(check.tuple())
                .map(rows -> true)
                .onFailure(ReadStore::isInvalidRegex).recoverWithItem(false);
    }

    public static boolean isInvalidRegex(Throwable failure) {
        return failure instanceof PgException pg && "2201B".equals(pg.getSqlState());
    }
}
