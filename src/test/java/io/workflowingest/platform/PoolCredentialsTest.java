package io.workflowingest.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.workflowingest.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reactive pool asks the datasource's credentials provider for a user and password each time
 * it opens a connection, as Quarkus's own pool does: in AWS the password is an IAM token valid for
 * 15 minutes, so a pool that kept the first one would fail every connection opened later.
 */
@QuarkusTest
@TestProfile(PoolCredentialsProfile.class)
class PoolCredentialsTest {

    long serviceConnections(String condition) throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where application_name = 'workflow-ingest'"
                        + " and datname = current_database() and " + condition)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void everyNewConnectionUsesCredentialsAskedForWhenItOpens() throws Exception {
        String id = UUID.randomUUID().toString();
        given().contentType("application/json").body("{\"workflow_id\": \"" + id + "\", \"name\": \"probe\"}")
                .post("/api/v1/workflows").then().statusCode(201);
        assertTrue(serviceConnections("usename = '" + ProbeCredentialsProvider.USER + "'") >= 1,
                "the pool connected as the provider's user");
        assertEquals(0, serviceConnections("usename <> '" + ProbeCredentialsProvider.USER + "'"),
                "no service connection used the configured username instead");

        int before = ProbeCredentialsProvider.CALLS.get();
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("select pg_terminate_backend(pid) from pg_stat_activity where usename = '"
                    + ProbeCredentialsProvider.USER + "' and application_name = 'workflow-ingest'");
        }
        // The pool drops the terminated connections; the next request opens a new one.
        int status = 0;
        for (int attempt = 0; attempt < 20 && status != 200; attempt++) {
            status = given().get("/api/v1/workflows/{id}", id).statusCode();
            if (status != 200) {
                Thread.sleep(250);
            }
        }
        assertEquals(200, status, "the service reconnects after its connections were terminated");
        assertTrue(ProbeCredentialsProvider.CALLS.get() > before,
                "the new connection asked the provider again (calls before: " + before + ")");
        given().get("/api/v1/workflows/{id}", id).then().statusCode(200).body("name", equalTo("probe"));
    }
}
