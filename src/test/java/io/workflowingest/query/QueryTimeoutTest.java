package io.workflowingest.query;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ingest.query.timeout: a query still running at the limit is cancelled and answered 503
 * query-timeout; the limit is the transaction's own, so the connection goes back to the pool
 * without it and the next query runs normally.
 */
@QuarkusTest
@TestProfile(QueryTimeoutTest.ShortTimeout.class)
class QueryTimeoutTest {

    public static class ShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.query.timeout", "200ms");
        }
    }

    @Inject
    Pool pool;

    @Test
    void aSlowQueryIsCancelledAnd503() {
        String c = "slow-" + UUID.randomUUID();
        pool.preparedQuery("""
                insert into workflows (workflow_id, doc)
                select $1 || '-' || i, jsonb_build_object('workflow_id', $1 || '-' || i, 'campaign_id', $1,
                       'used', jsonb_build_object('text', repeat(md5(i::text), 20)))
                  from generate_series(1, 50000) as i
                """).execute(Tuple.of(c)).await().atMost(Duration.ofSeconds(120));
        // 200 regular expressions over 50,000 strings of 640 characters: far beyond 200 ms.
        StringBuilder filter = new StringBuilder("{\"$or\": [");
        for (int i = 0; i < 200; i++) {
            filter.append(i == 0 ? "" : ",").append("{\"used.text\": {\"$regex\": \"(a|b|c)+[0-9]{3}z").append(i).append("$\"}}");
        }
        filter.append("]}");
        QueryFixtures.query("{\"filter\": " + filter + "}")
                .statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("query-timeout"), "status", equalTo(503));
        // The query's own timeout does not stick to the pool's connections: afterwards they are
        // back at the connection default (the session bound of the datasource, or none) ...
        String connectionDefault = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.datasource.reactive.additional-properties.statement_timeout", String.class)
                .orElse("0");
        for (int i = 0; i < 10; i++) {
            assertEquals(connectionDefault, pool.query("show statement_timeout").execute().await().atMost(Duration.ofSeconds(10))
                    .iterator().next().getString(0));
        }
        // ... and a quick query still answers.
        given().queryParam("campaign_id", c).queryParam("limit", 3).get("/api/v1/workflows")
                .then().statusCode(200).body("items.size()", equalTo(3));
    }
}
