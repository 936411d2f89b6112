package io.workflowingest.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.workflowingest.LambdaEvents;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deploy step: the database starts empty and nothing migrates at start (as in production);
 * {@code terraform/events/migrate.json} posted raw applies every migration and answers 200 with
 * what it did; other callers get 404 and migrate nothing.
 */
@QuarkusTest
@TestProfile(MigrateRouteTest.NoMigrationAtStart.class)
public class MigrateRouteTest {

    public static class NoMigrationAtStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Like production (migrate-at-start=false), on a database wiped at start.
            // The role timeouts as production sets them (the test profile leaves the role alone).
            return Map.of("quarkus.flyway.migrate-at-start", "false", "quarkus.flyway.clean-at-start", "true",
                    "ingest.database.role-statement-timeout", "20s");
        }
    }

    static final Path MIGRATE_EVENT = Path.of("terraform/events/migrate.json");
    static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql");

    @Inject
    Pool pool;

    /** The highest V<n>__*.sql in the source tree: what a migrated database is at. */
    public static String latestMigrationVersion() {
        return migrationVersions().get(migrationVersions().size() - 1);
    }

    static List<String> migrationVersions() {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> VERSIONED.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> m.group(1).replace('_', '.'))
                    .sorted(Comparator.comparing(MigrateRouteTest::versionKey))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String versionKey(String version) {
        StringBuilder key = new StringBuilder();
        for (String part : version.split("\\.")) {
            key.append(String.format("%010d.", Long.parseLong(part)));
        }
        return key.toString();
    }

    String workflowsTable() {
        return pool.query("select to_regclass('public.workflows')::text").execute()
                .await().atMost(Duration.ofSeconds(30)).iterator().next().getString(0);
    }

    /** The settings of the current role in the current database (pg_db_role_setting). */
    List<String> roleSettings() {
        var rows = pool.query("select coalesce(array_to_string(s.setconfig, ','), '') from pg_db_role_setting s"
                + " join pg_database d on d.oid = s.setdatabase join pg_roles r on r.oid = s.setrole"
                + " where d.datname = current_database() and r.rolname = current_user").execute()
                .await().atMost(Duration.ofSeconds(30));
        return rows.size() == 0 ? List.of() : List.of(rows.iterator().next().getString(0).split(","));
    }

    /**
     * Sets the current role's statement_timeout and idle_in_transaction_session_timeout in this
     * database to {@code value}, or resets both when it is null (sessions opened from now on).
     */
    static void roleTimeouts(Pool pool, String value) {
        // Inside format('...'): the value's quotes are doubled.
        String set = value == null ? "reset %s" : "set %s = ''" + value + "''";
        pool.query("do $$ begin"
                + " execute format('alter role current_user in database %I " + set.formatted("statement_timeout") + "', current_database());"
                + " execute format('alter role current_user in database %I " + set.formatted("idle_in_transaction_session_timeout") + "', current_database());"
                + " end $$").execute().await().atMost(Duration.ofSeconds(30));
    }

    /** The role settings outlive the test: take them back, so other tests see the session values only. */
    @AfterEach
    void resetRoleSettings() {
        roleTimeouts(pool, null);
    }

    static String event(String contextField, boolean inHttp, String value) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode event = (ObjectNode) json.readTree(Files.readString(MIGRATE_EVENT));
        ObjectNode context = (ObjectNode) event.get("requestContext");
        (inHttp ? (ObjectNode) context.get("http") : context).put(contextField, value);
        return json.writeValueAsString(event);
    }

    @Test
    void deployStepMigratesOnlyThroughTheRawEvent() throws IOException {
        assertNull(workflowsTable(), "nothing migrated at start");

        // Refused callers: 404, and still nothing migrated.
        given().post("/internal/migrate").then().statusCode(404);
        JsonPath refused = LambdaEvents.invoke(event("apiId", false, "a1b2c3d4e5"));
        assertEquals(404, refused.getInt("statusCode"));
        refused = LambdaEvents.invoke(event("sourceIp", true, "198.51.100.4"));
        assertEquals(404, refused.getInt("statusCode"));
        assertNull(workflowsTable(), "a refused event migrates nothing");

        // The deploy step's event, verbatim.
        JsonPath response = LambdaEvents.invoke(Files.readString(MIGRATE_EVENT));
        assertEquals(200, response.getInt("statusCode"), LambdaEvents.body(response));
        JsonPath result = JsonPath.from(LambdaEvents.body(response));
        List<String> versions = migrationVersions();
        assertEquals(versions.size(), result.getInt("applied"), result.prettify());
        assertEquals(versions, result.getList("migrations.version", String.class));
        assertEquals(latestMigrationVersion(), result.getString("current_version"));
        assertNull(result.getString("initial_version"));
        assertEquals("workflows", workflowsTable());
        assertTrue(pool.query("select 1 from pg_indexes where indexname = 'workflows_updated_idx'").execute()
                .await().atMost(Duration.ofSeconds(30)).size() == 1, "V3 retention index exists");

        // The service's role got its timeouts for this database: per role, never per session.
        assertEquals(20000L, result.getLong("role_statement_timeout_ms"));
        List<String> settings = roleSettings();
        assertTrue(settings.contains("statement_timeout=20000ms"), settings.toString());
        assertTrue(settings.contains("idle_in_transaction_session_timeout=20000ms"), settings.toString());

        // Idempotent: a second deploy applies nothing.
        JsonPath again = JsonPath.from(LambdaEvents.body(LambdaEvents.invoke(Files.readString(MIGRATE_EVENT))));
        assertEquals(0, again.getInt("applied"));
        assertEquals(latestMigrationVersion(), again.getString("initial_version"));
        assertEquals(latestMigrationVersion(), again.getString("current_version"));
    }
}
