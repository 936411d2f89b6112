package io.workflowingest.cleanup;

import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

/**
 * Test data for retention tests. Every test uses its own campaign id, so what one test deletes
 * can never be another's data. Records go in through the real ingest endpoint, except bulk data
 * (tens of thousands of rows) which one INSERT ... SELECT generate_series writes directly.
 * "Expired" means updated_at moved 400 days back: test setup, done through SQL because no API
 * can (or should) make a record old.
 */
final class CleanupFixtures {

    static final Duration WAIT = Duration.ofSeconds(60);

    private CleanupFixtures() {
    }

    static String newCampaign() {
        return "cleanup-test-" + UUID.randomUUID();
    }

    /** Ingests one record over HTTP; returns its id. {@code parent} and {@code status} may be null. */
    static String ingest(String campaign, String status, String parent) {
        String id = UUID.randomUUID().toString();
        ingestWithId(id, campaign, status, parent);
        return id;
    }

    static void ingestWithId(String id, String campaign, String status, String parent) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("workflow_id", id);
        doc.put("type", "workflow");
        doc.put("name", "retention-test");
        if (campaign != null) {
            doc.put("campaign_id", campaign);
        }
        if (status != null) {
            doc.put("status", status);
        }
        if (parent != null) {
            doc.put("parent_workflow_id", parent);
        }
        given().contentType(ContentType.JSON).body(doc)
                .post("/api/v1/workflows")
                .then().statusCode(anyOf(is(201), is(200)));
    }

    /**
     * Inserts {@code n} expired records of {@code campaign} (ids {@code <campaign>-1..n}) in one
     * statement, updated 400 days plus 1..n seconds ago (distinct times, as real data has).
     */
    static void insertExpired(Pool pool, String campaign, int n) {
        pool.preparedQuery("""
                insert into workflows (workflow_id, doc, updated_at)
                select $1::text || '-' || g,
                       jsonb_build_object('workflow_id', $1::text || '-' || g, 'campaign_id', $1::text, 'type', 'workflow'),
                       now() - interval '400 days' - g * interval '1 second'
                  from generate_series(1, $2::int) as g
                """).execute(Tuple.of(campaign, n)).await().atMost(WAIT);
    }

    /** Moves updated_at of these records to random times 400 days plus 0..{@code spreadSeconds} s ago. */
    static void expireSpread(Pool pool, List<String> ids, int spreadSeconds) {
        pool.preparedQuery("""
                update workflows
                   set updated_at = now() - interval '400 days' - floor(random() * $2::int) * interval '1 second'
                 where workflow_id = any($1)
                """).execute(Tuple.of(ids.toArray(String[]::new), spreadSeconds)).await().atMost(WAIT);
    }

    /**
     * Moves updated_at of these records 400 days into the past. Over JDBC, as {@link #exists}, so
     * that tests also run against the packaged artifact ({@code *IT}), where nothing is injected.
     */
    static void expire(List<String> ids) {
        try (var c = io.workflowingest.TestDatabase.connect();
                var s = c.prepareStatement("update workflows set updated_at = now() - interval '400 days' where workflow_id = any(?)")) {
            s.setArray(1, c.createArrayOf("text", ids.toArray()));
            s.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a record with this id is stored. */
    static boolean exists(String id) {
        try (var c = io.workflowingest.TestDatabase.connect();
                var s = c.prepareStatement("select 1 from workflows where workflow_id = ?")) {
            s.setString(1, id);
            try (var rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long countCampaign(Pool pool, String campaign) {
        Row row = pool.preparedQuery("select count(*) from workflows where campaign_id = $1")
                .execute(Tuple.of(campaign)).await().atMost(WAIT).iterator().next();
        return row.getLong(0);
    }
}
