package io.workflowingest.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The application's own sessions carry the server-side limits that keep a request under API
 * Gateway's 29 s (in AWS the role sets the same values) and name themselves in pg_stat_activity.
 */
@QuarkusTest
class DatabaseSessionSettingsTest {

    @Inject
    Pool pool;

    String show(String setting) {
        Row row = pool.query("select current_setting('" + setting + "')").execute()
                .await().atMost(Duration.ofSeconds(30)).iterator().next();
        return row.getString(0);
    }

    @Test
    void statementsAreCancelledAt20Seconds() {
        assertEquals("20s", show("statement_timeout"));
        assertEquals("20s", show("idle_in_transaction_session_timeout"));
        assertEquals("workflow-ingest", show("application_name"));
    }
}
