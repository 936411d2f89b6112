package io.workflowingest.store;

import io.quarkus.credentials.CredentialsProvider;
import io.quarkus.credentials.runtime.CredentialsProviderFinder;
import io.quarkus.reactive.datasource.runtime.ConnectOptionsSupplier;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.Future;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.workflowingest.platform.IngestConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Creates the reactive pool (used by Hibernate Reactive and {@link WorkflowWriter} alike) with
 * the client-side timeouts Quarkus has no property for. Vert.x defaults would let a request wait
 * 60 s for a TCP connect and forever for an answer, far past API Gateway's 29 s; with these a
 * vanished database is a 503 within seconds, and the pool opens fresh connections by itself once
 * it is back.
 *
 * <p>A pool creator replaces Quarkus's own pool construction, including the part that asks the
 * datasource's credentials provider for a user and password each time a connection is opened.
 * That part is kept here: in AWS the provider ({@code rds-iam}) hands out IAM tokens valid for
 * 15 minutes, so credentials fixed at start would fail every connection opened later.
 */
@Singleton
public class PoolTimeouts implements PgPoolCreator {

    private final IngestConfig.Database database;
    private final Optional<String> credentialsProvider;
    private final Optional<String> credentialsProviderBean;

    @Inject
    PoolTimeouts(IngestConfig config,
            @ConfigProperty(name = "quarkus.datasource.credentials-provider") Optional<String> credentialsProvider,
            @ConfigProperty(name = "quarkus.datasource.credentials-provider-name") Optional<String> credentialsProviderBean) {
        this.database = config.database();
        this.credentialsProvider = credentialsProvider;
        this.credentialsProviderBean = credentialsProviderBean;
    }

    @Override
    public Pool create(Input input) {
        // No pool wait timeout (Vert.x default 30 s): in vertx-sql-client 4.5 its timer is not
        // cancelled when connecting fails, and fires later as an uncaught "Result is already
        // complete" ERROR (eclipse-vertx/vertx-sql-client#1706). Waits stay bounded without it:
        // connecting by the connect timeout, the handshake and every answer by the read timeout,
        // and a Lambda instance serves one request at a time, so it never queues for the pool.
        PoolOptions pool = input.poolOptions().setConnectionTimeout(0);
        List<PgConnectOptions> targets = input.pgConnectOptionsList();
        for (PgConnectOptions options : targets) {
            options.setConnectTimeout(millis(database.connectTimeout().toMillis()));
            options.setReadIdleTimeout(millis(database.readTimeout().toMillis()));
            options.setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        }
        if (credentialsProvider.isEmpty()) {
            return PgDriver.INSTANCE.createPool(input.vertx(), targets, pool);
        }
        return PgDriver.INSTANCE.createPool(input.vertx(), freshCredentials(targets), pool);
    }

    /** Connect options with the provider's current user and password, asked for per connection. */
    private Supplier<Future<PgConnectOptions>> freshCredentials(List<PgConnectOptions> targets) {
        // The same lookup and copy Quarkus's own pool construction does (PgPoolRecorder).
        CredentialsProvider provider = CredentialsProviderFinder.find(credentialsProviderBean.orElse(null));
        return new ConnectOptionsSupplier<>(provider, credentialsProvider.get(), targets, PgConnectOptions::new);
    }

    private static int millis(long value) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, value));
    }
}
