package io.workflowingest.platform;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.workflowingest.LambdaEvents;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Once deployed, the service's role carries 20 s timeouts (statement and idle in transaction),
 * and the deploy step's migrations connect as that role. A migration that runs longer (an index
 * built on a large table, V5) must still apply: Flyway's connections clear both timeouts. Here the
 * role's timeouts are 100 ms and an extra test-only migration sleeps 0.5 s.
 */
@QuarkusTest
@TestProfile(MigrationTimeoutsTest.SlowMigration.class)
public class MigrationTimeoutsTest {

    public static class SlowMigration implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.flyway.migrate-at-start", "false", "quarkus.flyway.clean-at-start", "true",
                    "quarkus.flyway.locations", "db/migration,db/slow-migration",
                    "ingest.database.role-statement-timeout", "20s");
        }
    }

    @Inject
    Pool pool;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void resetRoleTimeouts() {
        MigrateRouteTest.roleTimeouts(pool, null);
    }

    @Test
    void migrationsRunPastTheRoleTimeouts() throws Exception {
        MigrateRouteTest.roleTimeouts(pool, "100ms");
        // Role settings apply to sessions opened from now on: close the ones the start opened.
        dataSource.flush(AgroalDataSource.FlushMode.ALL);

        JsonPath response = LambdaEvents.invoke(Files.readString(MigrateRouteTest.MIGRATE_EVENT));
        assertEquals(200, response.getInt("statusCode"), LambdaEvents.body(response));
        JsonPath result = JsonPath.from(LambdaEvents.body(response));
        assertEquals(MigrateRouteTest.migrationVersions().size() + 1, result.getInt("applied"), result.prettify());
        assertEquals("1000", result.getString("current_version"));
    }
}
