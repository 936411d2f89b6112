package io.workflowingest.platform;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /internal/migrate}: applies the pending Flyway migrations (over JDBC) and says what
 * it did. Production never migrates at start (a cold start must not pay for it); the deploy step
 * invokes the function once with {@code terraform/events/migrate.json} and requires a 200.
 * Only a raw invocation reaches it ({@link InternalInvocation}).
 */
@Path(MigrationResource.PATH)
public class MigrationResource {

    static final String PATH = "/internal/migrate";
    private static final Logger LOG = Logger.getLogger(MigrationResource.class);

    private final Flyway flyway;
    private final Optional<Duration> roleStatementTimeout;

    MigrationResource(Flyway flyway, IngestConfig config) {
        this.flyway = flyway;
        this.roleStatementTimeout = config.database().roleStatementTimeout();
    }

    @POST
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Migration migrate(@Context APIGatewayV2HTTPEvent event) {
        InternalInvocation.requireRaw(event, PATH);
        try {
            MigrateResult result = flyway.migrate();
            MigrationInfo current = flyway.info().current();
            List<Applied> applied = result.migrations.stream().map(m -> new Applied(m.version, m.description)).toList();
            Long timeoutMillis = roleStatementTimeout.isPresent() ? setRoleTimeouts(roleStatementTimeout.get()) : null;
            Migration migration = new Migration(result.migrationsExecuted, result.initialSchemaVersion,
                    current == null || current.getVersion() == null ? null : current.getVersion().getVersion(), applied,
                    timeoutMillis);
            LOG.infof("migrate applied=%d initial_version=%s current_version=%s role_statement_timeout_ms=%s",
                    migration.applied(), migration.initialVersion(), migration.currentVersion(), timeoutMillis);
            return migration;
        } catch (SQLException e) {
            throw failed(e, "The migrations applied, but the role's timeouts could not be set: ");
        } catch (FlywayException e) {
            // A migration that does not apply is a defect of the release, not of the database:
            // say which, so the deploy log shows it (only the deployer can invoke this route).
            throw failed(e, "The migration did not apply: ");
        }
    }

    /** A 503 when the database is away (the deploy step retries), else a 500 naming what failed. */
    private static ApiException failed(Exception e, String detail) {
        ApiException unavailable = DatabaseFaults.asUnavailable(e);
        if (unavailable != null) {
            LOG.warnf("migrate failed, database unavailable: %s", e.getMessage());
            return unavailable;
        }
        LOG.error("migrate failed", e);
        return new ApiException(500, "migration-failed", "Internal Server Error", detail + e.getMessage(), null, null);
    }

    /**
     * Per role, not per session: a session SET pins every RDS Proxy connection, a role default
     * applies to each new session with nothing pinned. A role may set its own defaults, so this
     * needs no extra privilege; it applies to sessions opened from now on.
     */
    private long setRoleTimeouts(Duration timeout) throws SQLException {
        long millis = Math.max(0, timeout.toMillis());
        String value = millis + "ms";
        try (Connection connection = flyway.getConfiguration().getDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            // ALTER ROLE takes no bind parameters; the value is a number built here, the name quoted by format().
            statement.execute("do $$ begin"
                    + " execute format('alter role current_user in database %I set statement_timeout = %L', current_database(), '" + value + "');"
                    + " execute format('alter role current_user in database %I set idle_in_transaction_session_timeout = %L', current_database(), '" + value + "');"
                    + " end $$");
        }
        return millis;
    }

    /** What {@code /internal/migrate} did: migrations applied now, schema version before and after. */
    public record Migration(
            int applied,
            @JsonProperty("initial_version") String initialVersion,
            @JsonProperty("current_version") String currentVersion,
            List<Applied> migrations,
            @JsonProperty("role_statement_timeout_ms") Long roleStatementTimeoutMillis) {
    }

    public record Applied(String version, String description) {
    }
}
