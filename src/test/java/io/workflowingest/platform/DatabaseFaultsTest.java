package io.workflowingest.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.LogRecord;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The database goes away (port closed, connections reset, backends terminated, silence
 * mid-statement, a statement past its timeout): the API answers 503 problem+json with
 * Retry-After, recovers by itself, and no record is lost, duplicated or half-written.
 */
@QuarkusTest
@TestProfile(DatabaseFaultsProfile.class)
class DatabaseFaultsTest {

    static FaultyTcpProxy proxy;
    static LogCapture logs;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "postgres")
    String user;

    @BeforeAll
    static void startProxy() {
        logs = LogCapture.start();
        var db = DatabaseFaultsProfile.databaseUri();
        proxy = FaultyTcpProxy.start(DatabaseFaultsProfile.proxyPort(), db.getHost(), db.getPort() < 0 ? 5432 : db.getPort());
    }

    @AfterAll
    static void stopProxyAndCheckTheLogs() {
        proxy.close();
        logs.close();
        // Faults are WARN lines naming the cause; an ERROR would be a bug or a stray Vert.x timer.
        List<String> errors = logs.records().stream()
                .filter(r -> r.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(LogCapture::everything).toList();
        assertTrue(errors.isEmpty(), "ERROR lines during database faults: " + errors);
    }

    @AfterEach
    void restore() {
        proxy.up();
    }

    Connection jdbc() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", ""));
    }

    static String record(String id, String name) {
        return "{\"workflow_id\": \"" + id + "\", \"name\": \"" + name + "\", \"status\": \"RUNNING\"}";
    }

    static Response post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/workflows");
    }

    static void assertUnavailable(Response response, String type) {
        response.then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .header("X-Request-Id", notNullValue())
                .body("type", equalTo(type), "status", equalTo(503), "request_id", notNullValue());
    }

    @Test
    void anUnreachableDatabaseIs503WithRetryAfterAndTheServiceRecoversByItself() {
        String id = UUID.randomUUID().toString();
        post(record(id, "before")).then().statusCode(201);

        proxy.down();
        try (LogCapture logs = LogCapture.start()) {
            long started = System.nanoTime();
            Response refused = given().header("X-Request-Id", "fault-" + id).contentType(ContentType.JSON)
                    .body(record(id, "during")).post("/api/v1/workflows");
            assertUnavailable(refused, "database-unavailable");
            assertTrue((System.nanoTime() - started) / 1_000_000 < 5_000, "a refused connection answers at once");
            assertUnavailable(given().get("/api/v1/workflows/{id}", id), "database-unavailable");
            List<LogRecord> faultLines = logs.records().stream()
                    .filter(r -> LogCapture.everything(r).contains("database fault")).toList();
            assertFalse(faultLines.isEmpty(), "the fault is logged");
            assertEquals("fault-" + id, LogCapture.mdc(faultLines.get(0), RequestIds.MDC_REQUEST_ID));
        }
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));

        proxy.up();
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        post(record(id, "after")).then().statusCode(200).body("revision", equalTo(2));
        given().get("/api/v1/workflows/{id}", id).then().statusCode(200).body("name", equalTo("after"));
    }

    @Test
    void aDatabaseSilentMidStatementIs503WithinTheReadTimeoutAndStoresNothing() throws SQLException {
        String warm = UUID.randomUUID().toString();
        post(record(warm, "warm")).then().statusCode(201);
        String id = UUID.randomUUID().toString();
        proxy.freeze();
        long started = System.nanoTime();
        assertUnavailable(post(record(id, "lost in the network")), "database-unavailable");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 12_000, "answered after " + millis + " ms");
        proxy.up();
        assertEquals(Map.of(), stored(List.of(id)), "nothing of the failed request was stored");
        post(record(id, "resent")).then().statusCode(201).body("revision", equalTo(1));
    }

    @Test
    void aBatchOverTheStatementTimeoutIsAllOrNothing() throws SQLException {
        String locked = UUID.randomUUID().toString();
        post(record(locked, "locked")).then().statusCode(201);
        List<String> fresh = new ArrayList<>();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 20; i++) {
            String id = UUID.randomUUID().toString();
            fresh.add(id);
            batch.append(record(id, "batch-" + i)).append(',');
        }
        batch.append(record(locked, "batch-locked")).append(']');

        try (Connection holder = jdbc()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("select 1 from workflows where workflow_id = ? for update")) {
                lock.setString(1, locked);
                lock.executeQuery().close();
            }
            // The batch's single statement waits on the row lock until statement_timeout cancels it.
            Response timedOut = given().contentType(ContentType.JSON).body(batch.toString()).post("/api/v1/workflows/batch");
            assertUnavailable(timedOut, "query-timeout");
            assertEquals(Map.of(), stored(fresh), "a cancelled batch stored nothing");
            holder.rollback();
        }
        given().contentType(ContentType.JSON).body(batch.toString()).post("/api/v1/workflows/batch")
                .then().statusCode(200)
                .body("status", equalTo("success"), "summary.created", equalTo(20), "summary.updated", equalTo(1));
        Map<String, Integer> revisions = stored(fresh);
        assertEquals(20, revisions.size());
        revisions.values().forEach(r -> assertEquals(1, r));
        assertEquals(Map.of(locked, 2), stored(List.of(locked)));
    }

    @Test
    void connectionsKilledMidRunLoseAndDuplicateNothing() throws Exception {
        int records = 90;
        List<String> ids = new ArrayList<>();
        Map<String, Integer> unavailableAnswers = new HashMap<>();
        int faults = 0;
        for (int i = 0; i < records; i++) {
            if (i % 10 == 3) {
                faults += terminateServiceBackends();
            }
            if (i % 30 == 15) {
                proxy.down();
            }
            String id = UUID.randomUUID().toString();
            ids.add(id);
            int attempts = 0;
            while (true) {
                attempts++;
                Response response = post(record(id, "run-" + i));
                if (response.statusCode() == 503) {
                    assertEquals("5", response.header("Retry-After"));
                    unavailableAnswers.merge(id, 1, Integer::sum);
                    // A client waits Retry-After seconds; the test brings the database back instead.
                    proxy.up();
                    continue;
                }
                assertTrue(response.statusCode() == 201 || response.statusCode() == 200,
                        "record " + i + " answered " + response.statusCode() + ": " + response.asString());
                break;
            }
            assertTrue(attempts <= 3, "record " + i + " needed " + attempts + " attempts");
        }
        assertTrue(faults > 0, "backends were terminated");
        assertTrue(unavailableAnswers.size() >= 3, "the closed port answered 503: " + unavailableAnswers);

        Map<String, Integer> revisions = stored(ids);
        assertEquals(records, revisions.size(), "every record is stored exactly once");
        try (Connection c = jdbc(); PreparedStatement q = c.prepareStatement(
                "select workflow_id, doc->>'name' from workflows where workflow_id = any(?)")) {
            q.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    assertEquals("run-" + ids.indexOf(rs.getString(1)), rs.getString(2));
                }
            }
        }
        for (String id : ids) {
            // A 503 means "not stored", except when the connection died after the commit: then the
            // resend merges into the identical record and only the revision counts it twice.
            int allowed = 1 + unavailableAnswers.getOrDefault(id, 0);
            assertTrue(revisions.get(id) <= allowed, id + " has revision " + revisions.get(id));
        }
    }

    /** Terminates the service's own sessions (application_name=workflow-ingest); returns how many. */
    int terminateServiceBackends() throws SQLException {
        try (Connection c = jdbc(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity "
                        + "where application_name = 'workflow-ingest' and datname = current_database()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** workflow_id → revision of the given ids that are stored. */
    Map<String, Integer> stored(List<String> ids) throws SQLException {
        Map<String, Integer> revisions = new HashMap<>();
        try (Connection c = jdbc(); PreparedStatement q = c.prepareStatement(
                "select workflow_id, revision from workflows where workflow_id = any(?)")) {
            q.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    if (revisions.put(rs.getString(1), rs.getInt(2)) != null) {
                        fail("two rows for " + rs.getString(1));
                    }
                }
            }
        }
        return revisions;
    }
}
