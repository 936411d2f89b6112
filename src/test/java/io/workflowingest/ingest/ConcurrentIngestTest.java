package io.workflowingest.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concurrent ingestion that really is concurrent at the database.
 *
 * <p>The Lambda mock event server behind {@code @QuarkusTest} serves one invocation at a time
 * (one poll thread, as one Lambda instance does), so REST posts from many threads reach
 * PostgreSQL one after another and prove nothing about concurrent merges. In production many
 * instances write the same rows at once. Here the writes go through {@link IngestService}, the
 * very call {@code POST /api/v1/workflows} and {@code /batch} make after decoding the body,
 * all started before any is awaited, so they run at once on separate pooled connections; the
 * results are then read back over REST.
 */
@QuarkusTest
class ConcurrentIngestTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    IngestService ingest;

    /**
     * Subscribes every call before awaiting any, so all are in flight together (the pool runs up
     * to its size at once on separate connections, the rest wait for a connection); then awaits
     * them all. Also returns how many were still running once the last had started.
     */
    static <T> Overlapped<T> runTogether(List<Uni<T>> calls) {
        List<CompletableFuture<T>> running = new ArrayList<>();
        for (Uni<T> call : calls) {
            running.add(call.subscribeAsCompletionStage());
        }
        int stillRunning = (int) running.stream().filter(f -> !f.isDone()).count();
        List<T> results = new ArrayList<>();
        for (CompletableFuture<T> f : running) {
            results.add(Uni.createFrom().completionStage(f).await().atMost(WAIT));
        }
        return new Overlapped<>(results, stillRunning);
    }

    record Overlapped<T>(List<T> results, int runningWhenAllStarted) {
    }

    @Test
    void fiftyConcurrentIngestsOfOneIdKeepEveryField() {
        String id = UUID.randomUUID().toString();
        int writers = 50;
        List<Uni<IngestResult>> calls = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            byte[] body = ("{\"workflow_id\": \"" + id + "\", \"field_" + i + "\": " + i + "}").getBytes(StandardCharsets.UTF_8);
            calls.add(ingest.ingestOne(body));
        }
        Overlapped<IngestResult> run = runTogether(calls);
        assertTrue(run.runningWhenAllStarted() > 1, "the ingests overlapped: " + run.runningWhenAllStarted());
        assertEquals(1, run.results().stream().filter(IngestResult::created).count(), "exactly one ingest creates the record");
        // Each merge saw the previous one: the revisions are 1..50, each once.
        assertEquals(IntStream.rangeClosed(1, writers).boxed().toList(),
                run.results().stream().map(IngestResult::revision).sorted().toList());

        JsonPath doc = given().get("/api/v1/workflows/{id}", id).then().statusCode(200)
                .header("ETag", equalTo("\"" + writers + "\""))
                .extract().jsonPath();
        for (int i = 0; i < writers; i++) {
            assertEquals(i, doc.getInt("field_" + i), "field of writer " + i + " kept");
        }
    }

    @Test
    void twoBatchesOverTheSameIdsInOppositeOrdersBothSucceed() {
        // Several rounds, each with fresh ids: more chances for the two batches to interleave.
        oppositeBatches(100, 5);
    }

    /**
     * Batches of more than 100 records are several statements in one transaction, each statement
     * locking its ids in order, but not the batch as a whole: two batches in opposite orders
     * can deadlock across statements. PostgreSQL then aborts one; it is sent again and both
     * succeed, each record counted once.
     */
    @Test
    void twoBatchesOfSeveralStatementsInOppositeOrdersBothSucceed() {
        oppositeBatches(300, 2);
    }

    private void oppositeBatches(int size, int rounds) {
        for (int round = 0; round < rounds; round++) {
            List<String> ids = IntStream.range(0, size).mapToObj(i -> UUID.randomUUID().toString()).toList();
            List<String> reversed = new ArrayList<>(ids);
            Collections.reverse(reversed);
            byte[] forward = batch(ids, "forward");
            byte[] backward = batch(reversed, "backward");
            Overlapped<BatchResult> run = runTogether(List.of(
                    ingest.ingestBatch(forward, false), ingest.ingestBatch(backward, false)));
            assertEquals(2, run.runningWhenAllStarted(), "both batches were in flight at once");
            int created = 0;
            int updated = 0;
            for (BatchResult result : run.results()) {
                assertEquals("success", result.status(), result.toString());
                assertEquals(size, result.summary().received());
                assertEquals(0, result.summary().failed());
                created += result.summary().created();
                updated += result.summary().updated();
            }
            assertEquals(size, created, "each id created once");
            assertEquals(size, updated, "and updated once");
            for (String id : ids) {
                given().get("/api/v1/workflows/{id}", id).then().statusCode(200)
                        .header("ETag", equalTo("\"2\""))
                        .body("interceptor_ids.size()", equalTo(2), "order_forward", equalTo(true),
                                "order_backward", equalTo(true));
            }
        }
    }

    static byte[] batch(List<String> ids, String order) {
        return ids.stream()
                .map(id -> "{\"workflow_id\": \"" + id + "\", \"interceptor_ids\": [\"" + order + "\"], \"order_" + order + "\": true}")
                .collect(Collectors.joining(",", "[", "]"))
                .getBytes(StandardCharsets.UTF_8);
    }
}
