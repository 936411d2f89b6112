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

import java.util.List;

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

    MigrationResource(Flyway flyway) {
        this.flyway = flyway;
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
            Migration migration = new Migration(result.migrationsExecuted, result.initialSchemaVersion,
                    current == null || current.getVersion() == null ? null : current.getVersion().getVersion(), applied);
            LOG.infof("migrate applied=%d initial_version=%s current_version=%s",
                    migration.applied(), migration.initialVersion(), migration.currentVersion());
            return migration;
        } catch (FlywayException e) {
            ApiException unavailable = DatabaseFaults.asUnavailable(e);
            if (unavailable != null) {
                LOG.warnf("migrate failed, database unavailable: %s", e.getMessage());
                throw unavailable;
            }
            // A migration that does not apply is a defect of the release, not of the database:
            // say which, so the deploy log shows it (only the deployer can invoke this route).
            LOG.error("migrate failed", e);
            throw new ApiException(500, "migration-failed", "Internal Server Error",
                    "The migration did not apply: " + e.getMessage(), null, null);
        }
    }

    /** What {@code /internal/migrate} did: migrations applied now, schema version before and after. */
    public record Migration(
            int applied,
            @JsonProperty("initial_version") String initialVersion,
            @JsonProperty("current_version") String currentVersion,
            List<Applied> migrations) {
    }

    public record Applied(String version, String description) {
    }
}
