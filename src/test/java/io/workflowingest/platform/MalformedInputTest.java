package io.workflowingest.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.workflowingest.LambdaEvents;
import io.workflowingest.TestSamples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No input gets a 5xx: every file of the shared invalid samples plus 200 generated malformed
 * bodies (random bytes, truncated JSON, huge numbers, deep nesting, broken encodings, wrong
 * content types) go to every public POST route as API Gateway delivers them (raw HTTP API v2
 * events, base64 bodies). Each answer is a 4xx problem+json, or a 2xx where the body happens to
 * be acceptable. The generator's seed is fixed, and printed with any failure.
 */
@QuarkusTest
class MalformedInputTest {

    static final long SEED = 20261128L;

    /** A body with its headers and a label that says how it was made. */
    record Input(String label, String contentType, String contentEncoding, byte[] body) {
    }

    static List<String> postRoutes;

    @BeforeAll
    static void routes() {
        postRoutes = ApiRoutes.public_().stream().filter(r -> r.httpMethod().equals("POST"))
                .map(ApiRoutes.Route::samplePath).distinct().toList();
        assertTrue(postRoutes.size() >= 4, "ingest, batch, query and cleanup at least: " + postRoutes);
    }

    @Test
    void everyInvalidSampleIsA4xxOnEveryPostRoute() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(TestSamples.dir().resolve("invalid"))) {
            files = list.sorted().toList();
        }
        assertFalse(files.isEmpty(), "the shared invalid samples are there");
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            Input input = new Input("sample " + file.getFileName(), "application/json", null, Files.readAllBytes(file));
            for (String route : postRoutes) {
                // Each is an invalid record: the single-record route must refuse it. Elsewhere it is
                // just a body (a one-element array is a fine batch), and only a 5xx is wrong.
                check(route, input, route.equals("/api/v1/workflows"), failures);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void generatedMalformedBodiesNeverGetA5xx() throws IOException {
        List<Input> inputs = generate(new Random(SEED));
        assertEquals(200, inputs.size());
        List<String> failures = new ArrayList<>();
        for (Input input : inputs) {
            for (String route : postRoutes) {
                check(route, input, false, failures);
            }
        }
        assertEquals(List.of(), failures, "seed " + SEED);
    }

    static void check(String route, Input input, boolean mustBeRejected, List<String> failures) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (input.contentType() != null) {
            headers.put("content-type", input.contentType());
        }
        if (input.contentEncoding() != null) {
            headers.put("content-encoding", input.contentEncoding());
        }
        JsonPath response = LambdaEvents.invoke(LambdaEvents.httpEvent("POST", route, headers, input.body()));
        int status = response.getInt("statusCode");
        String where = route + " <- " + input.label() + ": " + status;
        if (status >= 500 || (mustBeRejected && status < 400)) {
            failures.add(where + " " + LambdaEvents.body(response));
            return;
        }
        if (status >= 400) {
            String type = LambdaEvents.contentType(response);
            if (!type.startsWith("application/problem+json")) {
                failures.add(where + " with Content-Type " + type);
            } else if (!LambdaEvents.body(response).contains("\"detail\"")) {
                failures.add(where + " without a detail: " + LambdaEvents.body(response));
            }
        }
    }

    // ---- the generator -------------------------------------------------------------------

    static List<Input> generate(Random random) throws IOException {
        List<byte[]> valid = new ArrayList<>();
        try (Stream<Path> list = Files.list(TestSamples.dir().resolve("valid"))) {
            for (Path p : list.sorted().toList()) {
                valid.add(Files.readAllBytes(p));
            }
        }
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            byte[] bytes = new byte[random.nextInt(i < 5 ? 4 : 4096)];
            random.nextBytes(bytes);
            inputs.add(new Input("random bytes #" + i, "application/json", null, bytes));
        }
        for (int i = 0; i < 35; i++) {
            byte[] sample = valid.get(random.nextInt(valid.size()));
            int cut = 1 + random.nextInt(sample.length - 1);
            inputs.add(new Input("truncated at " + cut + " #" + i, i % 5 == 0 ? "application/x-ndjson" : "application/json",
                    null, java.util.Arrays.copyOf(sample, cut)));
        }
        String[] huge = {"1e999999999", "-1e999999999", "1e400", "-1e-400", "1E+2147483648", "0.0000000001e-99999",
                "9".repeat(200_000), "-" + "9".repeat(1_000), "1" + "0".repeat(131_100), "0." + "1".repeat(20_000),
                "123456789012345678901234567890e-123456"};
        String[] placements = {
                "{\"workflow_id\": \"huge-%d\", \"custom_metadata\": {\"n\": %s}}",
                "{\"workflow_id\": \"huge-%d\", \"utc_timestamp\": %s}",
                "{\"workflow_id\": \"huge-%d\", \"used\": {\"x\": [%s]}}",
                "{\"filter\": {\"custom_metadata.n\": {\"$gt\": %2$s}}, \"limit\": %2$s, \"k\": %1$d}",
                "{\"older_than_days\": %2$s, \"k\": %1$d}",
                "[{\"workflow_id\": \"huge-%d\", \"custom_metadata\": {\"n\": %s}}]"};
        for (int i = 0; i < 35; i++) {
            String body = String.format(placements[i % placements.length], i, huge[random.nextInt(huge.length)]);
            inputs.add(new Input("huge number #" + i, "application/json", null, body.getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < 30; i++) {
            int depth = new int[] {65, 100, 1_000, 10_000, 100_000}[i % 5];
            String open = i % 2 == 0 ? "[" : "{\"a\":";
            String close = i % 2 == 0 ? "]" : "}";
            String inner = open.repeat(depth) + "1" + close.repeat(depth);
            String body = i % 3 == 0 ? inner : "{\"workflow_id\": \"deep-" + i + "\", \"custom_metadata\": " + inner + "}";
            inputs.add(new Input("nesting " + depth + " #" + i, "application/json", null, body.getBytes(StandardCharsets.UTF_8)));
        }
        String[] contentTypes = {"text/plain", "application/xml", "garbage", ";;;", "application/", "/json", "*/*",
                "multipart/form-data; boundary=", "application/json; charset=", "application/json; charset=\"",
                "application/json; charset=utf-16", "application/json; charset=no-such-charset", "image/png",
                "application/x-www-form-urlencoded", "text/json; q=abc", "application/json;;;", "application/json\t"};
        // Not here: control characters in a header value. RFC 9110 forbids them, HTTP clients and
        // API Gateway's front end do not carry them, and lambda-http refuses such an event before
        // any application code runs (a direct Lambda invoke, which needs IAM rights, could forge one).
        for (int i = 0; i < 35; i++) {
            byte[] sample = valid.get(random.nextInt(valid.size()));
            String type = i == contentTypes.length ? null : contentTypes[i % contentTypes.length];
            inputs.add(new Input((type == null ? "no content type" : "content type '" + type + "'") + " #" + i, type, null, sample));
        }
        byte[][] encodings = {
                "{\"workflow_id\": \"\u00e9\u00e8\"}".getBytes(StandardCharsets.ISO_8859_1),
                "{\"workflow_id\": \"lone \\ud800 surrogate\"}".getBytes(StandardCharsets.UTF_8),
                "{\"workflow_id\": \"a\", \"workflow_id\": \"b\"}".getBytes(StandardCharsets.UTF_8),
                "\uFEFF{\"workflow_id\": \"bom\"}".getBytes(StandardCharsets.UTF_8),
                "{\"workflow_id\": \"x\", \"n\": NaN}".getBytes(StandardCharsets.UTF_8),
                "{\"workflow_id\": \"x\", \"n\": Infinity}".getBytes(StandardCharsets.UTF_8),
                {(byte) 0xC0, (byte) 0x80, '{', '}'},
                {'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ':', '1', '}'},
                "{\"workflow_id\": \"nul\u0000\"}".getBytes(StandardCharsets.UTF_8),
                new byte[0]};
        for (int i = 0; i < 30; i++) {
            byte[] body = encodings[i % encodings.length];
            if (i >= 20) {
                // Declared gzip: half not gzip at all, half gzip of broken JSON or a gzip bomb-let.
                inputs.add(new Input("gzip " + i, "application/json", "gzip",
                        i % 2 == 0 ? body : gzip(i == 21 ? new byte[8 << 20] : body)));
            } else {
                inputs.add(new Input("encoding #" + i, "application/json", null, body));
            }
        }
        return inputs;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
