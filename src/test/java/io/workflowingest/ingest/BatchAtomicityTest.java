package io.workflowingest.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * POST /api/v1/workflows/batch is all or nothing at the database, also when it is several
 * statements. JVM only: it installs a trigger through the test's own connection pool, which a
 * {@code @QuarkusIntegrationTest} cannot inject.
 */
@QuarkusTest
class BatchAtomicityTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    /**
     * The statements of one batch commit together: when PostgreSQL fails the third statement
     * (here a trigger raises an out-of-resources error for one id), the first two, already
     * executed, are rolled back and the client is told to resend the whole batch.
     */
    @Test
    void aDatabaseFailureInALaterStatementStoresNothingOfTheBatch() {
        List<String> ids = IntStream.range(0, 250).mapToObj(i -> UUID.randomUUID().toString()).toList();
        String batch = ids.stream().map(id -> "{\"workflow_id\": \"" + id + "\"}").collect(Collectors.joining(",", "[", "]"));
        String poisoned = ids.get(220);
        pool.query("""
                create or replace function test_refuse_workflow() returns trigger language plpgsql as $$
                begin raise exception 'test: out of resources' using errcode = '53000'; end $$
                """).execute().await().atMost(WAIT);
        pool.query("create trigger test_refuse_workflow before insert on workflows for each row"
                + " when (new.workflow_id = '" + poisoned + "') execute function test_refuse_workflow()").execute().await().atMost(WAIT);
        try {
            given().contentType(ContentType.JSON)
                    .body(batch)
                    .post("/api/v1/workflows/batch")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("type", equalTo("database-unavailable"));
        } finally {
            pool.query("drop trigger test_refuse_workflow on workflows").execute().await().atMost(WAIT);
            pool.query("drop function test_refuse_workflow()").execute().await().atMost(WAIT);
        }
        for (String id : List.of(ids.get(0), ids.get(99), ids.get(100), ids.get(219), ids.get(249))) {
            given().get("/api/v1/workflows/{id}", id).then().statusCode(404);
        }
        // Sent again, the same batch is stored whole.
        given().contentType(ContentType.JSON)
                .body(batch)
                .post("/api/v1/workflows/batch")
                .then().statusCode(200).body("status", equalTo("success"), "summary.created", equalTo(250));
    }
}
