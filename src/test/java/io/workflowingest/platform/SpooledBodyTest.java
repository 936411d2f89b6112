package io.workflowingest.platform;

import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.workflowingest.LambdaEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Large answers sent through a temporary file (platform/SpooledBody) arrive whole through the
 * Lambda event path: as text, not base64; past the 1 MiB at which Vert.x splits a file into
 * regions; compressed or not; and when the file cannot be written. No file is left behind.
 */
@QuarkusTest
class SpooledBodyTest {

    static final String CAMPAIGN = "spooled-" + UUID.randomUUID();
    /** Three records of ~500 KB: a page of ~1.5 MB, over Vert.x's 1 MiB file region. */
    static final int RECORDS = 3;
    static final int NOTES_CHARS = 500_000;
    static boolean stored;

    @BeforeEach
    void store() {
        if (stored) {
            return;
        }
        for (int i = 0; i < RECORDS; i++) {
            // Each record's notes differ in every position modulo 7, so a lost, repeated or
            // reordered block of the answer changes what the test reads back.
            String notes = notes(i);
            given().contentType(ContentType.JSON)
                    .body("{\"workflow_id\": \"" + CAMPAIGN + "-" + i + "\", \"campaign_id\": \"" + CAMPAIGN
                            + "\", \"utc_timestamp\": " + (1_700_000_000 + i) + ", \"used\": {\"notes\": \"" + notes + "\"}}")
                    .post("/api/v1/workflows").then().statusCode(201);
        }
        stored = true;
    }

    static String notes(int record) {
        StringBuilder notes = new StringBuilder(NOTES_CHARS);
        for (int i = 0; i < NOTES_CHARS; i++) {
            notes.append((char) ('a' + (i * (record + 2)) % 7));
        }
        // Characters of 2, 3 and 4 UTF-8 bytes, where a block boundary may split them.
        return notes.append("é€😀").toString();
    }

    static void assertWholePage(String body) {
        JsonPath page = JsonPath.from(body);
        assertEquals(RECORDS, page.getList("items").size(), () -> body.substring(0, 200));
        for (int i = 0; i < RECORDS; i++) {
            int record = RECORDS - 1 - i;   // newest first
            assertEquals(CAMPAIGN + "-" + record, page.getString("items[" + i + "].workflow_id"));
            assertEquals(notes(record), page.getString("items[" + i + "].used.notes"), "notes of record " + record);
        }
    }

    static Response page(String acceptEncoding) {
        return given().config(ResponseCompressionTest.RAW).header("Accept-Encoding", acceptEncoding)
                .queryParam("campaign_id", CAMPAIGN).get("/api/v1/workflows");
    }

    static List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith(SpooledBody.FILE_PREFIX)).toList();
        }
    }

    @Test
    void aPageOverOneMebibyteArrivesWhole() {
        Response plain = page("identity");
        plain.then().statusCode(200).contentType(ContentType.JSON);
        assertTrue(plain.asByteArray().length > 1024 * 1024 + SpooledBody.MIN_BYTES, "length " + plain.asByteArray().length);
        assertEquals(String.valueOf(plain.asByteArray().length), plain.header("Content-Length"));
        assertWholePage(plain.asString());
    }

    @Test
    void aCompressedPageArrivesWhole() throws IOException {
        Response compressed = page("gzip");
        compressed.then().statusCode(200).contentType(ContentType.JSON).header("Content-Encoding", "gzip");
        byte[] wire = compressed.asByteArray();
        assertTrue(wire.length > SpooledBody.MIN_BYTES, "the gzip answer must be large enough to be spooled: " + wire.length);
        assertWholePage(ResponseCompressionTest.inflate(wire));
    }

    /** What API Gateway receives: the JSON as text, not base64, with its Content-Type. */
    @Test
    void theLambdaResponseCarriesThePageAsText() {
        Map<String, Object> event = LambdaEvents.httpEvent("GET", "/api/v1/workflows", Map.of(), null);
        event.put("rawQueryString", "campaign_id=" + CAMPAIGN);
        JsonPath response = LambdaEvents.invoke(event);
        assertEquals(200, response.getInt("statusCode"));
        assertFalse(response.getBoolean("isBase64Encoded"));
        assertTrue(LambdaEvents.contentType(response).startsWith("application/json"), LambdaEvents.contentType(response));
        assertWholePage(response.getString("body"));
    }

    @Test
    void aHeadRequestGetsTheHeadersAlone() {
        Response head = given().config(ResponseCompressionTest.RAW).header("Accept-Encoding", "identity")
                .queryParam("campaign_id", CAMPAIGN).head("/api/v1/workflows");
        head.then().statusCode(200).contentType(ContentType.JSON);
        assertEquals(0, head.asByteArray().length);
    }

    @Test
    void noFileIsLeftBehind() throws IOException {
        for (String encoding : List.of("identity", "gzip", "identity")) {
            page(encoding).then().statusCode(200);
        }
        given().queryParam("campaign_id", "absent-" + UUID.randomUUID()).get("/api/v1/workflows")
                .then().statusCode(200).body("items.size()", equalTo(0));
        assertEquals(List.of(), leftovers());
    }

    /**
     * A large answer, plain or compressed, goes through a file in java.io.tmpdir, created and
     * deleted within the request (seen by a WatchService on a directory of the test's own); a
     * small one does not.
     */
    @Test
    @DisabledOnIntegrationTest("sets java.io.tmpdir in the test's own JVM")
    void aLargeAnswerGoesThroughAFileAndASmallOneDoesNot() throws IOException, InterruptedException {
        String tmpdir = System.getProperty("java.io.tmpdir");
        Path dir = Files.createTempDirectory("spooled-body-test");
        System.setProperty("java.io.tmpdir", dir.toString());
        try (WatchService watch = dir.getFileSystem().newWatchService()) {
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
            given().get("/api/v1/workflows/{id}", CAMPAIGN + "-0").then().statusCode(200);
            assertEquals(List.of(), events(watch), "a small answer is sent from memory");

            assertWholePage(page("identity").then().statusCode(200).extract().asString());
            assertCreatedAndDeleted(events(watch));
            byte[] gzip = page("gzip").then().statusCode(200).header("Content-Encoding", "gzip").extract().asByteArray();
            assertWholePage(ResponseCompressionTest.inflate(gzip));
            assertCreatedAndDeleted(events(watch));
        } finally {
            System.setProperty("java.io.tmpdir", tmpdir);
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
        Files.delete(dir);
    }

    static void assertCreatedAndDeleted(List<String> events) {
        assertEquals(2, events.size(), events.toString());
        assertTrue(events.get(0).startsWith("ENTRY_CREATE " + SpooledBody.FILE_PREFIX), events.toString());
        assertEquals(events.get(0).replace("ENTRY_CREATE", "ENTRY_DELETE"), events.get(1));
    }

    /** The events of the watched directory so far, as "KIND name", waiting briefly for the first. */
    static List<String> events(WatchService watch) throws InterruptedException {
        List<String> events = new ArrayList<>();
        WatchKey key = watch.poll(2, TimeUnit.SECONDS);
        while (key != null) {
            for (WatchEvent<?> event : key.pollEvents()) {
                events.add(event.kind().name() + " " + event.context());
            }
            key.reset();
            key = watch.poll(200, TimeUnit.MILLISECONDS);
        }
        return events;
    }

    /** A tmpdir that cannot take the file (full, read-only, absent): the answer is sent from memory. */
    @Test
    @DisabledOnIntegrationTest("sets java.io.tmpdir in the test's own JVM")
    void withoutAWritableTmpdirTheAnswerIsSentFromMemory() throws IOException {
        String tmpdir = System.getProperty("java.io.tmpdir");
        Path absent = Path.of(tmpdir, "absent-" + UUID.randomUUID());
        System.setProperty("java.io.tmpdir", absent.toString());
        try {
            Response plain = page("identity");
            plain.then().statusCode(200).contentType(ContentType.JSON);
            assertWholePage(plain.asString());
            Response compressed = page("gzip");
            compressed.then().statusCode(200).header("Content-Encoding", "gzip");
            assertWholePage(ResponseCompressionTest.inflate(compressed.asByteArray()));
        } finally {
            System.setProperty("java.io.tmpdir", tmpdir);
        }
        assertFalse(Files.exists(absent));
    }

    /** Many answers of every size around the threshold, each whole: the file path and the memory path agree. */
    @Test
    void answersAroundTheThresholdArriveWhole() {
        List<String> ids = new ArrayList<>();
        String campaign = "spooled-sizes-" + UUID.randomUUID();
        for (int size : new int[] {SpooledBody.MIN_BYTES - 300, SpooledBody.MIN_BYTES - 100, SpooledBody.MIN_BYTES + 100}) {
            String id = campaign + "-" + size;
            given().contentType(ContentType.JSON)
                    .body("{\"workflow_id\": \"" + id + "\", \"campaign_id\": \"" + campaign + "\", \"used\": {\"notes\": \""
                            + "n".repeat(size) + "\"}}")
                    .post("/api/v1/workflows").then().statusCode(201);
            ids.add(id);
        }
        for (String id : ids) {
            Response record = given().config(ResponseCompressionTest.RAW).header("Accept-Encoding", "identity")
                    .get("/api/v1/workflows/{id}", id);
            record.then().statusCode(200).contentType(ContentType.JSON).body("workflow_id", equalTo(id));
            int size = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
            assertEquals(size, record.jsonPath().getString("used.notes").length());
        }
    }
}
