package io.workflowingest.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.workflowingest.LambdaEvents;
import io.workflowingest.TestSamples;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/v1/workflows through the Lambda event path, against real PostgreSQL. */
@QuarkusTest
class WorkflowIngestResourceTest {

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static String withId(String sample, String id) {
        String json = TestSamples.text(sample);
        JsonPath original = JsonPath.from(json);
        return json.replace(original.getString("workflow_id"), id);
    }

    @Test
    void newRecordIsCreatedThenMerged() {
        String id = newId();
        given().contentType(ContentType.JSON).body(withId("valid/repeat-01-a.json", id))
                .when().post("/api/v1/workflows")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/workflows/" + id))
                .body("workflow_id", equalTo(id), "revision", equalTo(1), "created", equalTo(true));

        given().contentType(ContentType.JSON).body(withId("valid/repeat-01-b.json", id))
                .when().post("/api/v1/workflows")
                .then().statusCode(200)
                .body("workflow_id", equalTo(id), "revision", equalTo(2), "created", equalTo(false));

        given().when().get("/api/v1/workflows/{id}", id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .header("Last-Modified", notNullValue())
                .body("workflow_id", equalTo(id), "status", equalTo("FINISHED"),
                        "started_at", notNullValue(), "utc_timestamp", notNullValue(),
                        "interceptor_ids", hasSize(1));
    }

    @Test
    void lateStartRecordDoesNotUndoTheEnd() {
        String id = newId();
        given().contentType(ContentType.JSON).body(withId("valid/repeat-01-b.json", id))
                .post("/api/v1/workflows").then().statusCode(201);
        given().contentType(ContentType.JSON).body(withId("valid/repeat-01-a.json", id))
                .post("/api/v1/workflows").then().statusCode(200).body("revision", equalTo(2));
        given().get("/api/v1/workflows/{id}", id).then().statusCode(200).body("status", equalTo("FINISHED"));
    }

    @Test
    void everyValidSampleIsAccepted() throws IOException {
        try (var files = java.nio.file.Files.list(TestSamples.dir().resolve("valid"))) {
            for (java.nio.file.Path file : files.toList()) {
                String id = newId();
                given().contentType(ContentType.JSON).body(withId("valid/" + file.getFileName(), id))
                        .post("/api/v1/workflows")
                        .then().statusCode(201).body("workflow_id", equalTo(id));
                given().get("/api/v1/workflows/{id}", id).then().statusCode(200)
                        .body("workflow_id", equalTo(id), "type", equalTo("workflow"));
            }
        }
    }

    @Test
    void storedDocumentIsNormalizedAndKeepsNumbersExactly() {
        String id = newId();
        String body = """
                {"workflow_id": "%s", "status": "finished", "utc_timestamp": 1785848405003.926,
                 "started_at": "2026-08-04T12:00:00.25Z", "hostname": "Node-1.Example.ORG",
                 "public_ip": "2001:DB8:0:0:0:0:0:1", "interceptor_ids": ["a", "b", "a"],
                 "used": {"lr": 0.1000000000000000055511151231257827, "big": 123456789012345678901234567890},
                 "name": null, "custom": {"kept": true}}
                """.formatted(id);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/workflows").then().statusCode(201);
        String stored = given().get("/api/v1/workflows/{id}", id).then().statusCode(200).extract().asString();
        JsonPath doc = JsonPath.from(stored);
        assertEquals("FINISHED", doc.getString("status"));
        assertEquals("node-1.example.org", doc.getString("hostname"));
        assertEquals("2001:db8::1", doc.getString("public_ip"));
        assertEquals(List.of("a", "b"), doc.getList("interceptor_ids"));
        assertTrue(doc.get("name") == null, "null name dropped");
        assertEquals(true, doc.getBoolean("custom.kept"));
        assertTrue(stored.contains("1785848405.003926"), stored);
        assertTrue(stored.contains("0.1000000000000000055511151231257827"), stored);
        assertTrue(stored.contains("123456789012345678901234567890"), stored);
        assertTrue(stored.contains("1785844800.25"), stored);
    }

    /**
     * RECORD.md normalization step 8: in flowcept_settings, at any depth, the value of a key whose
     * lower-cased name contains api_key, access_key, token, secret, password, passwd or
     * credentials becomes "REDACTED" whatever its type, and so does, whole, any string holding a
     * match of \\bsk-[A-Za-z0-9_-]+. Nothing outside flowcept_settings is touched.
     */
    @Test
    void secretsInFlowceptSettingsAreRedacted() {
        String id = newId();
        String body = """
                {"workflow_id": "%s",
                 "flowcept_settings": {
                   "mq": {"host": "localhost", "port": 5672, "password": "hunter2"},
                   "kv_db": {"Access_Key": {"id": "AKIA0000", "rotated": true}, "PASSWD": 1234},
                   "agent": {"OPENAI_API_KEY": "abc", "auth_token": null, "max_tokens": 512,
                             "llm": {"model": "gpt-4o", "note": "use sk-live_abc-123 for this", "path": "/home/u/sk-proj"}},
                   "databases": [{"name": "mongo", "aws_credentials": ["a", "b"]}, {"client_secret": "s3cr3t", "db": "prov"}],
                   "kept": {"word": "ask-me", "alone": "sk-", "punct": "sk-!", "monkey": "banana", "n": 7}},
                 "custom_metadata": {"password": "not a setting", "note": "sk-abc"}}
                """.formatted(id);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/workflows").then().statusCode(201);
        JsonPath doc = given().get("/api/v1/workflows/{id}", id).then().statusCode(200).extract().jsonPath();
        String settings = "flowcept_settings.";
        for (String redacted : List.of("mq.password", "kv_db.Access_Key", "kv_db.PASSWD", "agent.OPENAI_API_KEY",
                "agent.auth_token", "agent.max_tokens", "agent.llm.note", "agent.llm.path",
                "databases[0].aws_credentials", "databases[1].client_secret")) {
            assertEquals("REDACTED", doc.get(settings + redacted), redacted);
        }
        assertEquals("localhost", doc.getString(settings + "mq.host"));
        assertEquals(5672, doc.getInt(settings + "mq.port"));
        assertEquals("gpt-4o", doc.getString(settings + "agent.llm.model"));
        assertEquals("mongo", doc.getString(settings + "databases[0].name"));
        assertEquals("prov", doc.getString(settings + "databases[1].db"));
        assertEquals(Map.of("word", "ask-me", "alone", "sk-", "punct", "sk-!", "monkey", "banana", "n", 7),
                doc.getMap(settings + "kept"));
        assertEquals(Map.of("password", "not a setting", "note", "sk-abc"), doc.getMap("custom_metadata"));
    }

    /**
     * RECORD.md normalization step 7: user from flowcept_settings.sys_metadata.login_name, else
     * from flowcept_settings.experiment.user; environment_id, sys_name, node_name and the IPs from
     * sys_metadata, then normalized like sent values. A sent value wins; empty or invalid values
     * are not derived. The derived user is what the user filter finds.
     */
    @Test
    void fieldsAreDerivedFromSysMetadata() {
        String fromLogin = newId();
        String alice = "alice-" + newId();
        given().contentType(ContentType.JSON).body("""
                {"workflow_id": "%s", "flowcept_settings": {
                   "sys_metadata": {"login_name": "%s", "environment_id": "frontier", "sys_name": "Linux",
                                    "node_name": "Login01.Frontier.OLCF.ORNL.GOV", "public_ip": "2001:DB8:0:0:0:0:0:1",
                                    "private_ip": "10.0.0.7"},
                   "experiment": {"user": "bob"}}}
                """.formatted(fromLogin, alice)).post("/api/v1/workflows").then().statusCode(201);
        given().get("/api/v1/workflows/{id}", fromLogin).then().statusCode(200)
                .body("user", equalTo(alice), "environment_id", equalTo("frontier"), "sys_name", equalTo("Linux"),
                        "node_name", equalTo("login01.frontier.olcf.ornl.gov"), "public_ip", equalTo("2001:db8::1"),
                        "private_ip", equalTo("10.0.0.7"),
                        "flowcept_settings.sys_metadata.login_name", equalTo(alice));
        given().queryParam("user", alice).get("/api/v1/workflows").then().statusCode(200)
                .body("items.workflow_id", contains(fromLogin));

        // No usable login_name (empty): the experiment's user; an invalid IP is not derived.
        String fromExperiment = newId();
        given().contentType(ContentType.JSON).body("""
                {"workflow_id": "%s", "flowcept_settings": {
                   "sys_metadata": {"login_name": "", "public_ip": "999.1.1.1"}, "experiment": {"user": "bob"}}}
                """.formatted(fromExperiment)).post("/api/v1/workflows").then().statusCode(201);
        JsonPath doc = given().get("/api/v1/workflows/{id}", fromExperiment).then().statusCode(200).extract().jsonPath();
        assertEquals("bob", doc.getString("user"));
        assertTrue(doc.get("public_ip") == null, "invalid sys_metadata.public_ip not derived");

        // A sent value always wins over a derived one.
        String sent = newId();
        given().contentType(ContentType.JSON).body("""
                {"workflow_id": "%s", "user": "carol", "environment_id": "summit",
                 "flowcept_settings": {"sys_metadata": {"login_name": "alice", "environment_id": "frontier"}}}
                """.formatted(sent)).post("/api/v1/workflows").then().statusCode(201);
        given().get("/api/v1/workflows/{id}", sent).then().statusCode(200)
                .body("user", equalTo("carol"), "environment_id", equalTo("summit"));
    }

    @Test
    void nullNameInALaterRecordKeepsTheStoredName() {
        String id = newId();
        given().contentType(ContentType.JSON).body("{\"workflow_id\": \"" + id + "\", \"name\": \"training-run-001\"}")
                .post("/api/v1/workflows").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"workflow_id\": \"" + id + "\", \"name\": null, \"status\": \"RUNNING\"}")
                .post("/api/v1/workflows").then().statusCode(200).body("revision", equalTo(2), "created", equalTo(false));
        given().get("/api/v1/workflows/{id}", id).then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("name", equalTo("training-run-001"), "status", equalTo("RUNNING"));
    }

    @Test
    void invalidSamplesAreRejectedNamingTheField() {
        Map<String, String> pointers = Map.of(
                "invalid/inv-01-missing-workflow-id.json", "/workflow_id",
                "invalid/inv-08-used-is-list.json", "/used",
                "invalid/inv-11-utc-timestamp-word.json", "/utc_timestamp",
                "invalid/inv-19-interceptor-ids-string.json", "/interceptor_ids",
                "invalid/inv-25-not-json.json", "",
                "invalid/inv-27-array-not-object.json", "",
                "invalid/inv-30-nul-in-string-value.json", "/name");
        pointers.forEach((file, pointer) -> given().contentType(ContentType.JSON).body(TestSamples.bytes(file))
                .when().post("/api/v1/workflows")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400), "type", notNullValue(), "detail", notNullValue(),
                        "errors.pointer", hasItem(pointer), "request_id", notNullValue()));
    }

    @Test
    void everyProblemOfARecordIsReported() {
        given().contentType(ContentType.JSON)
                .body("{\"workflow_id\": \"\", \"used\": [1], \"status\": \"DONE\", \"interceptor_ids\": [\"a\", 2]}")
                .post("/api/v1/workflows")
                .then().statusCode(400)
                .body("errors.pointer", containsInAnyOrder("/workflow_id", "/used", "/status", "/interceptor_ids/1"));
    }

    @Test
    void rejectedRecordLeavesTheStoredOneUntouched() {
        String id = newId();
        given().contentType(ContentType.JSON).body(withId("valid/repeat-01-a.json", id))
                .post("/api/v1/workflows").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"workflow_id\": \"" + id + "\", \"used\": []}")
                .post("/api/v1/workflows").then().statusCode(400);
        given().get("/api/v1/workflows/{id}", id).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("status", equalTo("RUNNING"));
    }

    @Test
    void unsupportedMediaTypeIs415() {
        given().contentType(ContentType.TEXT).body("{\"workflow_id\": \"x\"}")
                .post("/api/v1/workflows")
                .then().statusCode(415).contentType("application/problem+json")
                .body("status", equalTo(415), "detail", containsString("text/plain"));
    }

    @Test
    void unknownContentEncodingIs415() {
        given().contentType(ContentType.JSON).header("Content-Encoding", "br").body("{\"workflow_id\": \"x\"}")
                .post("/api/v1/workflows")
                .then().statusCode(415).body("detail", containsString("br"));
    }

    @Test
    void recordOverTheRecordLimitIs413() {
        String big = "x".repeat(1_100_000);
        given().contentType(ContentType.JSON).body("{\"workflow_id\": \"" + newId() + "\", \"workflow_description\": \"" + big + "\"}")
                .post("/api/v1/workflows")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void gzipBodyThroughABase64LambdaEvent() throws IOException {
        String id = newId();
        byte[] gz = gzip(withId("valid/full-01-all-26-fields.json", id).getBytes(StandardCharsets.UTF_8));
        JsonPath response = LambdaEvents.invoke(LambdaEvents.httpEvent("POST", "/api/v1/workflows",
                Map.of("content-type", "application/json", "content-encoding", "gzip"), gz));
        assertEquals(201, response.getInt("statusCode"), LambdaEvents.body(response));
        assertEquals(id, JsonPath.from(LambdaEvents.body(response)).getString("workflow_id"));
        given().get("/api/v1/workflows/{id}", id).then().statusCode(200).body("name", equalTo("full_record_workflow"));
    }

    @Test
    void invalidUtf8ThroughABase64LambdaEventIs400() {
        byte[] body = "{\"workflow_id\": \"abc\", \"name\": \"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        JsonPath response = LambdaEvents.invoke(LambdaEvents.httpEvent("POST", "/api/v1/workflows",
                Map.of("content-type", "application/json"), body));
        assertEquals(400, response.getInt("statusCode"), LambdaEvents.body(response));
    }

    @Test
    void corruptGzipIs400() {
        JsonPath response = LambdaEvents.invoke(LambdaEvents.httpEvent("POST", "/api/v1/workflows",
                Map.of("content-type", "application/json", "content-encoding", "gzip"), new byte[] { 31, -117, 8, 0, 1, 2 }));
        assertEquals(400, response.getInt("statusCode"), LambdaEvents.body(response));
    }

    /** {@code prefix}, then spaces, then {@code suffix}: {@code size} bytes that compress to a few KiB. */
    static byte[] padded(String prefix, int size, String suffix) {
        byte[] out = new byte[size];
        java.util.Arrays.fill(out, (byte) ' ');
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] tail = suffix.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(tail, 0, out, size - tail.length, tail.length);
        return out;
    }

    /** A 413 problem naming the request limit, as the Lambda response event carries it. */
    static void assertRequestTooLarge(JsonPath response) {
        assertEquals(413, response.getInt("statusCode"), LambdaEvents.body(response));
        String contentType = LambdaEvents.contentType(response);
        assertTrue(contentType.startsWith("application/problem+json"), contentType);
        JsonPath problem = JsonPath.from(LambdaEvents.body(response));
        assertEquals(413, problem.getInt("status"));
        assertEquals("too-large", problem.getString("type"));
        assertEquals("Content Too Large", problem.getString("title"));
        assertTrue(problem.getString("detail").contains("5242880 bytes after decompression (ingest.limits.request-bytes)"),
                problem.getString("detail"));
        assertTrue(problem.getString("request_id") != null && !problem.getString("request_id").isBlank(), problem.prettify());
    }

    /** Valid records padded past the 5 MiB request limit, gzip-compressed: a 413 problem, and none of them is stored. */
    @Test
    void gzipBombOverTheRequestLimitIs413() throws IOException {
        String first = newId();
        String last = newId();
        byte[] batch = padded("[{\"workflow_id\": \"" + first + "\"},", 6 * 1024 * 1024, ",{\"workflow_id\": \"" + last + "\"}]");
        assertRequestTooLarge(LambdaEvents.invoke(LambdaEvents.httpEvent("POST", "/api/v1/workflows/batch",
                Map.of("content-type", "application/json", "content-encoding", "gzip"), gzip(batch))));

        String single = newId();
        byte[] record = padded("{\"workflow_id\": \"" + single + "\",", 6 * 1024 * 1024, "\"name\": \"bomb\"}");
        assertRequestTooLarge(LambdaEvents.invoke(LambdaEvents.httpEvent("POST", "/api/v1/workflows",
                Map.of("content-type", "application/json", "content-encoding", "gzip"), gzip(record))));

        for (String id : List.of(first, last, single)) {
            given().get("/api/v1/workflows/{id}", id).then().statusCode(404);
        }
    }

    /**
     * Posts from many threads through the Lambda event path. The mock event server handles one
     * invocation at a time (a single poll thread), so these reach the database one after another:
     * this checks the merge over HTTP, not concurrency. Merges that really run at once are in
     * {@link ConcurrentIngestTest#fiftyConcurrentIngestsOfOneIdKeepEveryField}.
     */
    @Test
    void concurrentPostsForOneIdLoseNothing() throws Exception {
        String id = newId();
        int writers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String interceptor = "interceptor-" + i;
                String body = """
                        {"workflow_id": "%s", "interceptor_ids": ["%s"],
                         "machine_info": {"%s": {"cpu": %d}}, "status": "RUNNING"}
                        """.formatted(id, interceptor, interceptor, i);
                statuses.add(pool.submit(() -> given().contentType(ContentType.JSON).body(body)
                        .post("/api/v1/workflows").then().extract().statusCode()));
            }
            int created = 0;
            for (Future<Integer> status : statuses) {
                int code = status.get();
                assertTrue(code == 200 || code == 201, "status " + code);
                created += code == 201 ? 1 : 0;
            }
            assertEquals(1, created, "exactly one post creates the record");
        } finally {
            pool.shutdownNow();
        }
        JsonPath doc = given().get("/api/v1/workflows/{id}", id).then().statusCode(200)
                .header("ETag", equalTo("\"" + writers + "\"")).extract().jsonPath();
        assertEquals(writers, doc.getList("interceptor_ids").size());
        assertEquals(writers, doc.getMap("machine_info").size());
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
