package io.workflowingest.platform;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * Tells database faults that a client should retry (503 with Retry-After) from bugs: PostgreSQL
 * unreachable, shutting down, failing over, out of resources, a cancelled statement or an
 * exhausted retry of a deadlock are the database's state, not the request's fault.
 *
 * <p>What the Vert.x pg client and Hibernate Reactive really throw (DatabaseFaultsTest provokes
 * each): a refused or unreachable port is a {@code ConnectException} (Netty's
 * {@code AnnotatedConnectException}); a connection reset, a terminated backend or a connection
 * closed by the read timeout is a {@link ClosedConnectionException} or a {@link PgException} of
 * class 57P; a statement past {@code statement_timeout} is a {@link PgException} 57014. Hibernate
 * Reactive wraps them; the cause chain is searched.
 */
public final class DatabaseFaults {

    private DatabaseFaults() {
    }

    /** The 503 problem for {@code failure}, or null when it is not a database fault. */
    public static ApiException asUnavailable(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                String state = pg.getSqlState();
                if (state.equals("57014")) {
                    return ApiException.unavailable("query-timeout",
                            "The statement ran longer than its time limit and was cancelled, so it changed nothing. "
                                    + "Retry later; for a query, narrow the filter.");
                }
                if (isTransient(state)) {
                    return databaseUnavailable();
                }
            }
            // JDBC (Flyway, /internal/migrate): connection failures (08), resources (53), shutdown (57P).
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")) {
                    return databaseUnavailable();
                }
            }
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof ClosedConnectionException || t instanceof SocketException
                    || t instanceof UnknownHostException || t instanceof TimeoutException
                    || t.getClass().getName().equals("io.netty.channel.ConnectTimeoutException")
                    || t.getClass().getName().equals("io.vertx.core.impl.NoStackTraceTimeoutException")) {
                return databaseUnavailable();
            }
        }
        return null;
    }

    /**
     * SQLSTATEs that say "not now": 08 connection exceptions, 53 insufficient resources, 57P
     * shutdown/cannot connect now/terminated, 40001/40P01 serialization and deadlock (after the
     * writer's own retries), 55P03 lock not available, 25006 read-only transaction (a writer that
     * just became a replica during failover), 28 authorization (an expired IAM token or a
     * credentials rotation in progress).
     */
    static boolean isTransient(String state) {
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P") || state.startsWith("28")
                || state.equals("40001") || state.equals("40P01") || state.equals("55P03") || state.equals("25006");
    }

    /**
     * A 400 for SQLSTATE class 22 (data exception): the statement failed on a value of the
     * request that PostgreSQL cannot represent or compare (a number beyond numeric's range, an
     * invalid regular expression). Values only ever reach SQL as parameters, so such a failure
     * is always the input's, never the service's; the statement changed nothing.
     */
    public static ApiException asRejectedValue(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("22")) {
                return ApiException.badRequest("unrepresentable-value",
                        "The database cannot store or compare a value of this request: " + pg.getErrorMessage()
                                + " (SQLSTATE " + pg.getSqlState() + "). Nothing was changed.", null);
            }
        }
        return null;
    }

    public static ApiException databaseUnavailable() {
        return ApiException.unavailable("database-unavailable",
                "The database is unreachable or overloaded and the request was not completed. Retry after Retry-After "
                        + "seconds; resending is safe, a record stored twice merges into the same document.");
    }
}
