package io.workflowingest.platform;

import io.vertx.pgclient.PgException;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Tells database faults that a client should retry (503 with Retry-After) from bugs. PostgreSQL
 * unreachable, shutting down, out of resources, a cancelled statement or an exhausted retry of
 * a deadlock are all the database's state, not the request's fault.
 */
public final class DatabaseFaults {

    private DatabaseFaults() {
    }

    /** The 503 problem for {@code failure}, or null when it is not a database fault. */
    public static ApiException asUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                String state = pg.getSqlState();
                if (state.equals("57014")) {
                    return ApiException.unavailable("query-timeout",
                            "The query ran longer than the configured limit and was cancelled; narrow the filter or retry later.");
                }
                if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                        || state.equals("40001") || state.equals("40P01") || state.equals("55P03")) {
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
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof ConnectException || t instanceof TimeoutException
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || t.getClass().getName().equals("io.vertx.core.http.ConnectionPoolTooBusyException")
                    || t.getClass().getName().startsWith("io.netty.channel.ConnectTimeoutException")
                    || t.getClass().getName().equals("io.vertx.core.impl.NoStackTraceTimeoutException")) {
                return databaseUnavailable();
            }
        }
        return null;
    }

    public static ApiException databaseUnavailable() {
        return ApiException.unavailable("database-unavailable",
                "The database is unreachable or overloaded; nothing was stored by this request. Retry later.");
    }
}
