package io.workflowingest.platform;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Flyway holds its PostgreSQL advisory lock at session level rather than inside a transaction.
 * Why: with the transactional lock (Flyway's default), the lock's transaction stays open on a
 * second connection while a migration runs, and {@code CREATE INDEX CONCURRENTLY} (V5) waits for
 * every open transaction to end: the migration never finishes (flyway/flyway#3508). A session
 * lock is released when the migrating connection closes, also if the function dies mid-way.
 */
@Singleton
public class FlywayLocking implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
    }
}
