package io.workflowingest.store;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.workflowingest.platform.IngestConfig;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * Creates the reactive pool (used by Hibernate Reactive and {@link WorkflowWriter} alike) with
 * the client-side timeouts Quarkus has no property for. Vert.x defaults would let a request wait
 * 60 s for a TCP connect and forever for an answer, far past API Gateway's 29 s; with these a
 * vanished database is a 503 within seconds, and the pool opens fresh connections by itself once
 * it is back.
 */
@Singleton
public class PoolTimeouts implements PgPoolCreator {

    private final IngestConfig.Database database;

    PoolTimeouts(IngestConfig config) {
        this.database = config.database();
    }

    @Override
    public Pool create(Input input) {
        // No pool wait timeout (Vert.x default 30 s): in vertx-sql-client 4.5 its timer is not
        // cancelled when connecting fails, and fires later as an uncaught "Result is already
        // complete" ERROR (eclipse-vertx/vertx-sql-client#1706). Waits stay bounded without it:
        // connecting by the connect timeout, the handshake and every answer by the read timeout,
        // and a Lambda instance serves one request at a time, so it never queues for the pool.
        PoolOptions pool = input.poolOptions().setConnectionTimeout(0);
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setConnectTimeout(millis(database.connectTimeout().toMillis()));
            options.setReadIdleTimeout(millis(database.readTimeout().toMillis()));
            options.setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        }
        return PgDriver.INSTANCE.createPool(input.vertx(), input.pgConnectOptionsList(), pool);
    }

    private static int millis(long value) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, value));
    }
}
