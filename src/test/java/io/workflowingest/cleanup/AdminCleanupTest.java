package io.workflowingest.cleanup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import io.workflowingest.platform.IngestConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static io.workflowingest.cleanup.CleanupFixtures.countCampaign;
import static io.workflowingest.cleanup.CleanupFixtures.exists;
import static io.workflowingest.cleanup.CleanupFixtures.expire;
import static io.workflowingest.cleanup.CleanupFixtures.expireSpread;
import static io.workflowingest.cleanup.CleanupFixtures.ingest;
import static io.workflowingest.cleanup.CleanupFixtures.ingestWithId;
import static io.workflowingest.cleanup.CleanupFixtures.insertExpired;
import static io.workflowingest.cleanup.CleanupFixtures.newCampaign;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/v1/admin/cleanup through the Lambda event path, against real PostgreSQL. */
@QuarkusTest
class AdminCleanupTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @Inject
    CleanupService service;

    @Inject
    IngestConfig config;

    static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    static JsonPath cleanup(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/admin/cleanup")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath();
    }

    @Test
    void dryRunIsTheDefaultCountsRightAndDeletesNothing() {
        String campaign = newCampaign();
        List<String> expired = List.of(ingest(campaign, "FINISHED", null), ingest(campaign, "RUNNING", null),
                ingest(campaign, "ERROR", null));
        String fresh = ingest(campaign, "FINISHED", null);
        expire(expired);

        Instant before = Instant.now();
        JsonPath result = cleanup(body("older_than_days", 90, "campaign_id", campaign));
        assertTrue(result.getBoolean("dry_run"), "dry_run defaults to true");
        assertEquals(3, result.getLong("matched"));
        assertEquals(0, result.getLong("deleted"));
        assertEquals(0, result.getInt("batches"));
        assertTrue(result.getBoolean("complete"));
        assertTrue(result.getLong("duration_ms") >= 0);
        Instant cutoff = Instant.parse(result.getString("cutoff"));
        assertTrue(Math.abs(ChronoUnit.SECONDS.between(before.minus(90, ChronoUnit.DAYS), cutoff)) < 60, cutoff.toString());
        for (String id : expired) {
            assertTrue(exists(id));
        }
        assertTrue(exists(fresh));

        // Explicit dry run, same answer; a cutoff before the expiry (500 days) matches nothing.
        assertEquals(3, cleanup(body("older_than_days", 90, "campaign_id", campaign, "dry_run", true)).getLong("matched"));
        assertEquals(0, cleanup(body("older_than_days", 500, "campaign_id", campaign, "dry_run", true)).getLong("matched"));
        // max_records bounds the count: 2 of 3 counted, and the answer says more remain.
        JsonPath bounded = cleanup(body("older_than_days", 90, "campaign_id", campaign, "max_records", 2));
        assertEquals(2, bounded.getLong("matched"));
        assertFalse(bounded.getBoolean("complete"));
        // The largest max_records there is: counted as usual.
        JsonPath huge = cleanup(body("older_than_days", 90, "campaign_id", campaign, "max_records", Long.MAX_VALUE));
        assertEquals(3, huge.getLong("matched"));
        assertTrue(huge.getBoolean("complete"));
        assertEquals(4, countCampaign(pool, campaign));
    }

    @Test
    void realRunDeletesOnlyExpiredRecordsOfTheCampaign() {
        String campaign = newCampaign();
        String otherCampaign = newCampaign();
        List<String> expired = List.of(ingest(campaign, "FINISHED", null), ingest(campaign, null, null));
        String fresh = ingest(campaign, "FINISHED", null);
        String otherExpired = ingest(otherCampaign, "FINISHED", null);
        expire(expired);
        expire(List.of(otherExpired));

        JsonPath result = cleanup(body("older_than_days", 30, "campaign_id", campaign, "dry_run", false));
        assertFalse(result.getBoolean("dry_run"));
        assertEquals(2, result.getLong("matched"));
        assertEquals(2, result.getLong("deleted"));
        assertEquals(1, result.getInt("batches"));
        assertTrue(result.getBoolean("complete"));
        for (String id : expired) {
            assertFalse(exists(id));
            given().get("/api/v1/workflows/{id}", id).then().statusCode(404);
        }
        assertTrue(exists(fresh));
        assertTrue(exists(otherExpired), "another campaign is out of scope");

        // Idempotent: a second run finds nothing.
        JsonPath again = cleanup(body("older_than_days", 30, "campaign_id", campaign, "dry_run", false));
        assertEquals(0, again.getLong("deleted"));
        assertEquals(0, again.getInt("batches"));
        assertTrue(again.getBoolean("complete"));
    }

    @Test
    void statusScopeIsCaseInsensitiveAndCombinesWithCampaign() {
        String campaign = newCampaign();
        String finished = ingest(campaign, "FINISHED", null);
        String error = ingest(campaign, "ERROR", null);
        String running = ingest(campaign, "RUNNING", null);
        String noStatus = ingest(campaign, null, null);
        expire(List.of(finished, error, running, noStatus));

        JsonPath dry = cleanup(body("older_than_days", 1, "campaign_id", campaign, "status", "finished"));
        assertEquals(1, dry.getLong("matched"));

        JsonPath result = cleanup(body("older_than_days", 1, "campaign_id", campaign, "status", "Finished", "dry_run", false));
        assertEquals(1, result.getLong("deleted"));
        assertFalse(exists(finished));
        assertTrue(exists(error));
        assertTrue(exists(running));
        assertTrue(exists(noStatus));

        result = cleanup(body("older_than_days", 1, "campaign_id", campaign, "status", "ERROR", "dry_run", false));
        assertEquals(1, result.getLong("deleted"));
        assertFalse(exists(error));
        assertTrue(exists(running));
    }

    @Test
    void campaignNullMeansAllCampaigns() {
        // Dry run only: a real unscoped run would delete other tests' expired data.
        String a = ingest(newCampaign(), "FINISHED", null);
        String b = ingest(newCampaign(), "FINISHED", null);
        expire(List.of(a, b));
        JsonPath result = cleanup(body("older_than_days", 1, "campaign_id", null, "status", null, "dry_run", true));
        assertTrue(result.getLong("matched") >= 2, result.prettify());
        assertTrue(exists(a));
        assertTrue(exists(b));
    }

    @Test
    void maxRecordsBoundsOneCallAndTheNextContinues() {
        String campaign = newCampaign();
        insertExpired(pool, campaign, 2_500);
        JsonPath first = cleanup(body("older_than_days", 1, "campaign_id", campaign, "dry_run", false, "max_records", 1_500));
        assertEquals(1_500, first.getLong("matched"));
        assertEquals(1_500, first.getLong("deleted"));
        assertEquals(2, first.getInt("batches"), "batch size 1000: 1000 then 500");
        assertFalse(first.getBoolean("complete"));
        assertEquals(1_000, countCampaign(pool, campaign));

        JsonPath second = cleanup(body("older_than_days", 1, "campaign_id", campaign, "dry_run", false, "max_records", 1_500));
        assertEquals(1_000, second.getLong("matched"));
        assertEquals(1_000, second.getLong("deleted"));
        assertTrue(second.getBoolean("complete"));
        assertEquals(0, countCampaign(pool, campaign));
    }

    @Test
    void exactlyMaxRecordsLeftIsComplete() {
        String campaign = newCampaign();
        insertExpired(pool, campaign, 1_000);
        JsonPath result = cleanup(body("older_than_days", 1, "campaign_id", campaign, "dry_run", false, "max_records", 1_000));
        assertEquals(1_000, result.getLong("deleted"));
        assertTrue(result.getBoolean("complete"), "nothing remains, so nothing for another run");
    }

    /**
     * Ingestion keeps working while a cleanup runs: ingest requests run for as long as the
     * cleanup does; every ingest succeeds, and every record ingested during the run survives it,
     * including expired records re-sent meanwhile (interleaved in deletion order with the bulk
     * rows, so some are re-sent before their batch reaches them and some after).
     *
     * <p>The Lambda mock event server serves one invocation at a time, as one Lambda instance
     * does, so two HTTP requests through it never overlap. In production the cleanup and the
     * ingests run on different instances against one database; here the ingests go through HTTP
     * and the cleanup is the admin endpoint's own call into {@link CleanupService}, started
     * directly so that both really hit PostgreSQL at the same time.
     */
    @Test
    void ingestDuringCleanupKeepsWorkingAndItsRecordsSurvive() throws Exception {
        String campaign = newCampaign();
        insertExpired(pool, campaign, 30_000);
        List<String> resent = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            resent.add(ingest(campaign, "RUNNING", null));
        }
        expireSpread(pool, resent, 30_000);

        ExecutorService threads = Executors.newFixedThreadPool(5);
        try {
            CompletableFuture<CleanupReport> run = service
                    .clean(new CleanupRequest(1, campaign, null, false, null), Duration.ofSeconds(20))
                    .subscribeAsCompletionStage();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger duringRun = new AtomicInteger();
            List<String> created = new CopyOnWriteArrayList<>();
            Set<String> sentAgain = ConcurrentHashMap.newKeySet();
            List<Future<?>> ingesters = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                ingesters.add(threads.submit(() -> {
                    // Until the cleanup has answered (bounded, in case it never does).
                    for (int round = 0; round < 500 && !run.isDone(); round++) {
                        String again = resent.get(next.getAndIncrement() % resent.size());
                        ingestWithId(again, campaign, "FINISHED", null);
                        sentAgain.add(again);
                        created.add(ingest(campaign, "RUNNING", null));
                        if (!run.isDone()) {
                            duringRun.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            CleanupReport result = run.get();
            for (Future<?> f : ingesters) {
                f.get();
            }
            assertTrue(duringRun.get() > 0, "some ingests ran while the cleanup did");
            assertTrue(result.complete(), result.toString());
            assertTrue(result.deleted() >= 30_000, result.toString());

            for (String id : sentAgain) {
                assertTrue(exists(id), "re-sent during the cleanup: " + id);
            }
            for (String id : created) {
                given().get("/api/v1/workflows/{id}", id).then().statusCode(200).body("campaign_id", equalTo(campaign));
            }
            // The bulk rows nobody touched are gone; what was ingested during the run remains.
            assertEquals(sentAgain.size() + created.size(), countCampaign(pool, campaign));
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * A record an ingest holds (row locked, its transaction still open) is skipped, not waited
     * for: the cleanup answers while the lock is held, and the record survives with its new
     * updated_at once that transaction commits.
     */
    @Test
    void recordLockedByAnIngestIsSkippedNotAwaited() {
        String campaign = newCampaign();
        String held = ingest(campaign, "RUNNING", null);
        String other = ingest(campaign, "RUNNING", null);
        expire(List.of(held, other));
        SqlConnection ingestTx = pool.getConnection().await().atMost(CleanupFixtures.WAIT);
        try {
            Transaction tx = ingestTx.begin().await().atMost(CleanupFixtures.WAIT);
            ingestTx.preparedQuery("update workflows set updated_at = now(), revision = revision + 1 where workflow_id = $1")
                    .execute(Tuple.of(held)).await().atMost(CleanupFixtures.WAIT);

            // Bounded wait: a cleanup that waited for the lock would only answer after the commit below.
            JsonPath result = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> given().contentType(ContentType.JSON)
                    .body(body("older_than_days", 1, "campaign_id", campaign, "dry_run", false))
                    .post("/api/v1/admin/cleanup")
                    .then().statusCode(200).extract().jsonPath());
            assertEquals(2, result.getLong("matched"), "both were expired when the run began");
            assertEquals(1, result.getLong("deleted"));
            assertTrue(result.getBoolean("complete"));
            assertFalse(exists(other));

            tx.commit().await().atMost(CleanupFixtures.WAIT);
        } finally {
            ingestTx.close().await().atMost(CleanupFixtures.WAIT);
        }
        given().get("/api/v1/workflows/{id}", held).then().statusCode(200).header("ETag", equalTo("\"2\""));
    }

    @Test
    void eachRunLogsOneStructuredLine() throws Exception {
        String campaign = newCampaign();
        expire(List.of(ingest(campaign, "FINISHED", null), ingest(campaign, "FINISHED", null)));
        try (CapturedLog log = CapturedLog.start()) {
            JsonPath dry = cleanup(body("older_than_days", 7, "campaign_id", campaign));
            JsonPath real = cleanup(body("older_than_days", 7, "campaign_id", campaign, "dry_run", false, "status", "finished"));
            List<CapturedLog.Line> runs = log.runs("campaign_id", campaign);
            assertEquals(2, runs.size(), "one line per run: " + log.lines());

            CapturedLog.Line dryLine = runs.get(0);
            assertEquals("complete", dryLine.mdc().get("outcome"));
            assertEquals("admin", dryLine.mdc().get("trigger"));
            assertEquals("true", dryLine.mdc().get("dry_run"));
            assertEquals("2", dryLine.mdc().get("matched"));
            assertEquals("0", dryLine.mdc().get("deleted"));
            assertEquals(dry.getString("cutoff"), dryLine.mdc().get("cutoff"));

            CapturedLog.Line realLine = runs.get(1);
            assertEquals("INFO", realLine.level());
            assertEquals("false", realLine.mdc().get("dry_run"));
            assertEquals("FINISHED", realLine.mdc().get("status"));
            assertEquals("2", realLine.mdc().get("deleted"));
            assertEquals("1", realLine.mdc().get("batches"));
            assertEquals(real.getString("duration_ms"), realLine.mdc().get("duration_ms"));
            assertTrue(realLine.message().startsWith("cleanup outcome=complete trigger=admin dry_run=false cutoff="
                    + real.getString("cutoff") + " campaign_id=" + campaign + " status=FINISHED "), realLine.message());
            var json = JSON.readTree(realLine.json());
            assertEquals("complete", json.at("/mdc/outcome").asText(), realLine.json());
            assertEquals("2", json.at("/mdc/deleted").asText());
            assertEquals(realLine.message(), json.get("message").asText());
        }
    }

    // ---- 400s: each names the problem, and nothing is deleted -------------------------------

    static JsonPath badRequest(String json) {
        return given().contentType(ContentType.JSON).body(json)
                .post("/api/v1/admin/cleanup")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400), "request_id", notNullValue())
                .extract().jsonPath();
    }

    @Test
    void missingOrOutOfRangeAgeIsRefused() {
        String campaign = newCampaign();
        String expired = ingest(campaign, "FINISHED", null);
        expire(List.of(expired));
        for (String json : List.of(
                "{\"campaign_id\": \"" + campaign + "\", \"dry_run\": false}",
                "{\"older_than_days\": null, \"campaign_id\": \"" + campaign + "\", \"dry_run\": false}",
                "{\"older_than_days\": 0, \"campaign_id\": \"" + campaign + "\", \"dry_run\": false}",
                "{\"older_than_days\": -5, \"campaign_id\": \"" + campaign + "\", \"dry_run\": false}",
                "{\"older_than_days\": 36501, \"campaign_id\": \"" + campaign + "\", \"dry_run\": false}",
                "{\"older_than_days\": 99999999999999999999, \"campaign_id\": \"" + campaign + "\", \"dry_run\": false}")) {
            JsonPath problem = badRequest(json);
            assertEquals("invalid-cleanup-request", problem.getString("type"), json);
            assertEquals(List.of("/older_than_days"), problem.getList("errors.pointer"), json);
        }
        assertTrue(exists(expired));
    }

    @Test
    void wrongTypesAreRefusedAllAtOnce() {
        JsonPath problem = badRequest("{\"older_than_days\": \"90\", \"campaign_id\": 7, \"status\": true,"
                + " \"dry_run\": \"no\", \"max_records\": 1.5}");
        assertEquals(List.of("/older_than_days", "/campaign_id", "/status", "/dry_run", "/max_records"),
                problem.getList("errors.pointer"));
        assertTrue(problem.getString("detail").contains("5 problem(s)"), problem.getString("detail"));

        problem = badRequest("{\"older_than_days\": 90.5}");
        assertEquals(List.of("/older_than_days"), problem.getList("errors.pointer"));
        problem = badRequest("{\"older_than_days\": 90, \"max_records\": 0}");
        assertEquals(List.of("/max_records"), problem.getList("errors.pointer"));
        problem = badRequest("{\"older_than_days\": 90, \"max_records\": 99999999999999999999}");
        assertEquals(List.of("/max_records"), problem.getList("errors.pointer"));
        problem = badRequest("{\"older_than_days\": 90, \"max_records\": -1}");
        assertEquals(List.of("/max_records"), problem.getList("errors.pointer"));
        problem = badRequest("{\"older_than_days\": 90, \"campaign_id\": \"\"}");
        assertEquals(List.of("/campaign_id"), problem.getList("errors.pointer"));
    }

    @Test
    void statusOutsideTheVocabularyIsRefused() {
        JsonPath problem = badRequest("{\"older_than_days\": 90, \"status\": \"DONE\"}");
        assertEquals(List.of("/status"), problem.getList("errors.pointer"));
        assertTrue(problem.getString("errors[0].message").contains("FINISHED"), problem.prettify());
    }

    @Test
    void unknownFieldsAreNamed() {
        JsonPath problem = badRequest("{\"older_than_days\": 90, \"olderThanDays\": 90, \"dryrun\": false}");
        assertEquals(List.of("/olderThanDays", "/dryrun"), problem.getList("errors.pointer"));
        assertTrue(problem.getString("errors[0].message").contains("olderThanDays"), problem.prettify());
    }

    @Test
    void malformedBodiesAreRefused() {
        for (String json : List.of("{\"older_than_days\": 90", "not json", "{\"older_than_days\": 90} trailing",
                "{\"older_than_days\": 90, \"older_than_days\": 1}")) {
            JsonPath problem = badRequest(json);
            assertEquals("malformed-json", problem.getString("type"), json);
        }
        for (String json : List.of("", "[]", "90", "null")) {
            JsonPath problem = badRequest(json);
            assertEquals("invalid-cleanup-request", problem.getString("type"), json);
            assertEquals(List.of(""), problem.getList("errors.pointer"), json);
        }
    }

    @Test
    void otherMediaTypesAndMethodsAreRefused() {
        given().contentType(ContentType.TEXT).body("{\"older_than_days\": 90}")
                .post("/api/v1/admin/cleanup")
                .then().statusCode(415).contentType("application/problem+json");
        given().get("/api/v1/admin/cleanup")
                .then().statusCode(405).contentType("application/problem+json")
                .body("detail", containsString("GET"));
    }

    /**
     * API.md: a cleanup over HTTP stops before 20 s (API Gateway cuts integrations at 30 s).
     * Nothing in application.properties sets it, so the test profile sees the default.
     */
    @Test
    void httpBudgetDefaultsToTwentySeconds() {
        assertEquals(Duration.ofSeconds(20), config.retention().httpBudget());
    }

    @Test
    void responseHasExactlyTheDocumentedFields() {
        JsonPath result = cleanup(body("older_than_days", 90, "campaign_id", newCampaign()));
        assertEquals(java.util.Set.of("dry_run", "cutoff", "matched", "deleted", "batches", "duration_ms", "complete"),
                result.getMap("").keySet());
    }
}
