package io.workflowingest.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.workflowingest.LambdaEvents;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compressed answers through the Lambda event path: the bytes a client receives inflate to
 * exactly the uncompressed answer (they would not if the glue returned them to API Gateway as a
 * UTF-8 string instead of base64), and only when the client accepts gzip.
 */
@QuarkusTest
class ResponseCompressionTest {

    /** REST Assured without its own decoders: it neither asks for nor inflates gzip, so the test sees the raw bytes. */
    static final RestAssuredConfig RAW = RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());

    static final String CAMPAIGN = "compression-" + UUID.randomUUID();
    static final String LARGE = "compression-large-" + UUID.randomUUID();
    static boolean stored;

    @BeforeEach
    void store() {
        if (stored) {
            return;
        }
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add("{\"workflow_id\": \"" + CAMPAIGN + "-" + i + "\", \"campaign_id\": \"" + CAMPAIGN + "\", \"utc_timestamp\": "
                    + (1_700_000_000 + i) + ", \"used\": {\"notes\": \"Größe µm ✓ " + "x".repeat(1000) + "\"}}");
        }
        records.add("{\"workflow_id\": \"" + LARGE + "\", \"used\": {\"notes\": \"" + "y".repeat(20_000) + "\"}}");
        given().contentType(ContentType.JSON).body("[" + String.join(",", records) + "]").post("/api/v1/workflows/batch")
                .then().statusCode(200).body("summary.failed", equalTo(0));
        stored = true;
    }

    static RequestSpecification raw(String acceptEncoding) {
        RequestSpecification request = given().config(RAW);
        return acceptEncoding == null ? request : request.header("Accept-Encoding", acceptEncoding);
    }

    static Response page(String acceptEncoding) {
        return raw(acceptEncoding).queryParam("campaign_id", CAMPAIGN).get("/api/v1/workflows");
    }

    @Test
    void aLargeAnswerIsCompressedWhenTheClientAcceptsGzip() throws IOException {
        Response plain = page(null);
        plain.then().statusCode(200).contentType(ContentType.JSON);
        assertNull(plain.header("Content-Encoding"));
        String expected = plain.asString();
        assertTrue(expected.length() > ResponseCompression.MIN_CHARS, "the page must be large enough: " + expected.length());
        assertEquals("Accept-Encoding", plain.header("Vary"));

        for (String accepted : List.of("gzip", "gzip, deflate, br", "deflate, gzip;q=0.5", "*", "br;q=1.0, X-GZIP")) {
            Response compressed = page(accepted);
            compressed.then().statusCode(200).contentType(ContentType.JSON).header("Content-Encoding", "gzip")
                    .header("Vary", "Accept-Encoding");
            byte[] wire = compressed.asByteArray();
            assertTrue(wire.length < expected.length() / 4, accepted + ": " + wire.length + " bytes for " + expected.length());
            assertEquals(expected, inflate(wire), accepted);
        }
    }

    /** What API Gateway receives: the gzip bytes base64-encoded, flagged so, with their headers. */
    @Test
    void theLambdaResponseCarriesTheGzipBytesBase64Encoded() throws IOException {
        Map<String, Object> event = LambdaEvents.httpEvent("GET", "/api/v1/workflows", Map.of("accept-encoding", "gzip"), null);
        event.put("rawQueryString", "campaign_id=" + CAMPAIGN);
        JsonPath response = LambdaEvents.invoke(event);
        assertEquals(200, response.getInt("statusCode"), response.prettify());
        assertTrue(response.getBoolean("isBase64Encoded"), response.prettify());
        assertEquals("gzip", LambdaEvents.header(response, "Content-Encoding"), response.prettify());
        assertTrue(LambdaEvents.contentType(response).startsWith("application/json"), response.prettify());
        String page = inflate(Base64.getDecoder().decode(response.getString("body")));
        assertEquals(page, page(null).asString());
    }

    /**
     * A large record compressed is another representation of it: its ETag becomes weak (a strong
     * one may not name two content-codings), and If-None-Match, which compares weakly, validates
     * either form with either tag.
     */
    @Test
    void aCompressedRecordCarriesAWeakETagThatStillValidates() throws IOException {
        Response plain = raw(null).get("/api/v1/workflows/{id}", LARGE);
        plain.then().statusCode(200);
        String strong = plain.header("ETag");
        assertTrue(strong.matches("\"[0-9]+\""), strong);
        Response compressed = raw("gzip").get("/api/v1/workflows/{id}", LARGE);
        compressed.then().statusCode(200).header("Content-Encoding", "gzip").header("ETag", "W/" + strong);
        assertEquals(plain.asString(), inflate(compressed.asByteArray()));
        for (String accepted : new String[] {null, "gzip"}) {
            for (String tag : List.of(strong, "W/" + strong)) {
                raw(accepted).header("If-None-Match", tag).get("/api/v1/workflows/{id}", LARGE).then().statusCode(304);
            }
        }
        raw("gzip").header("If-None-Match", "W/\"999999\"").get("/api/v1/workflows/{id}", LARGE).then().statusCode(200);
    }

    @Test
    void noCompressionWhenTheClientDoesNotAcceptGzip() {
        for (String accepted : List.of("identity", "deflate, br", "gzip;q=0", "*;q=0", "gzip;q=0, *", "gzip;q=banana")) {
            Response answer = page(accepted);
            answer.then().statusCode(200).contentType(ContentType.JSON);
            assertNull(answer.header("Content-Encoding"), accepted);
            assertTrue(answer.asString().startsWith("{\"items\":"), accepted);
        }
    }

    @Test
    void smallAnswersAreNotCompressed() {
        Response record = raw("gzip").get("/api/v1/workflows/{id}", CAMPAIGN + "-0");
        record.then().statusCode(200).contentType(ContentType.JSON).body("workflow_id", equalTo(CAMPAIGN + "-0"));
        assertNull(record.header("Content-Encoding"));
        assertNull(record.header("Vary"));
        Response problem = raw("gzip").get("/api/v1/workflows/{id}", "absent-" + UUID.randomUUID());
        problem.then().statusCode(404).contentType("application/problem+json");
        assertNull(problem.header("Content-Encoding"));
    }

    @Test
    void acceptEncodingIsReadAsRfc9110Says() {
        assertTrue(ResponseCompression.acceptsGzip("gzip"));
        assertTrue(ResponseCompression.acceptsGzip("GZIP;Q=0.001"));
        assertTrue(ResponseCompression.acceptsGzip("gzip;q=0, gzip;q=1"));
        assertTrue(ResponseCompression.acceptsGzip("identity, *"));
        assertFalse(ResponseCompression.acceptsGzip(null));
        assertFalse(ResponseCompression.acceptsGzip(" "));
        assertFalse(ResponseCompression.acceptsGzip("gzipped"));
        assertFalse(ResponseCompression.acceptsGzip("*, gzip;q=0"));
        assertFalse(ResponseCompression.acceptsGzip("gzip;q=-1"));
    }

    static String inflate(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
