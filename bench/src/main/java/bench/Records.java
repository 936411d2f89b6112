package bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The benchmark's records, the same bytes for every workload and run: Flowcept workflow
 * start/end pairs shaped like {@code shared/samples/batch/batch-100-start-end-pairs.json}
 * (bench/template-record.json is its first record, about 3 KB), one pair per workflow_id.
 * One workflow in 200 carries a ~200 KB {@code generated.loss_curve} in its end record.
 *
 * <p>Order: blocks of {@code block} start records followed by the end records of the same
 * workflows. With {@code block} = batch size, every batch holds distinct ids (no in-memory
 * merge in the service, the database does every merge), and each end record merges into a row
 * stored one batch earlier: the same work for the service and for the JDBC baseline.
 */
public final class Records {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final int BIG_EVERY = 200;
    static final int BIG_POINTS = 11_000;

    private Records() {
    }

    /** {@code count} records (rounded down to whole pairs per block), deterministic for (seed, block). */
    public static List<byte[]> generate(Path template, long seed, int count, int block) throws IOException {
        ObjectNode base = (ObjectNode) MAPPER.readTree(Files.readAllBytes(template));
        Random rnd = new Random(seed);
        int workflows = count / 2;
        List<byte[]> out = new ArrayList<>(workflows * 2);
        List<byte[]> ends = new ArrayList<>(block);
        double t0 = 1_793_613_600.0 + seed;
        for (int w = 0; w < workflows; w++) {
            String id = new UUID((rnd.nextLong() & 0xffffffffffff0fffL) | 0x4000L,
                    (rnd.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L).toString();
            double started = t0 + w * 0.5 + rnd.nextDouble() / 1000;
            ObjectNode start = base.deepCopy();
            start.put("workflow_id", id);
            start.put("name", String.format("bench_wf_%07d", w));
            start.put("campaign_id", String.format("c0ffee00-0000-4000-8000-%012d", w % 20));
            ObjectNode used = start.putObject("used");
            used.put("i", w);
            used.put("lr", Math.round(rnd.nextDouble() * 1e4) / 1e4);
            used.put("dataset", "/lustre/orion/proj123/datasets/set-" + (w % 50) + "/train.npz");
            start.put("started_at", started);
            start.put("utc_timestamp", started + 0.0001);
            start.putArray("interceptor_ids").add(Long.toString(140_000_000_000_000L + rnd.nextInt(1_000_000_000)));
            start.put("status", "RUNNING");

            ObjectNode end = start.deepCopy();
            end.put("status", "FINISHED");
            end.put("ended_at", started + 5 + rnd.nextDouble() * 60);
            ObjectNode generated = end.putObject("generated");
            generated.put("accuracy", Math.round(rnd.nextDouble() * 1e4) / 1e4);
            generated.put("model_path", "/lustre/orion/proj123/scratch/models/" + id + ".pt");
            if (w % BIG_EVERY == BIG_EVERY / 2) {
                ArrayNode curve = generated.putArray("loss_curve");
                for (int p = 0; p < BIG_POINTS; p++) {
                    curve.add(rnd.nextDouble());
                }
            }
            out.add(MAPPER.writeValueAsBytes(start));
            ends.add(MAPPER.writeValueAsBytes(end));
            if (ends.size() == Math.max(1, block)) {
                out.addAll(ends);
                ends.clear();
            }
        }
        out.addAll(ends);
        return out;
    }

    /** The records as one JSON array body. */
    public static byte[] array(List<byte[]> records, int from, int to) {
        int size = 2 + Math.max(0, to - from - 1);
        for (int i = from; i < to; i++) {
            size += records.get(i).length;
        }
        byte[] body = new byte[size];
        int pos = 0;
        body[pos++] = '[';
        for (int i = from; i < to; i++) {
            if (i > from) {
                body[pos++] = ',';
            }
            byte[] r = records.get(i);
            System.arraycopy(r, 0, body, pos, r.length);
            pos += r.length;
        }
        body[pos] = ']';
        return body;
    }

    static String idOf(byte[] record) throws IOException {
        JsonNode n = MAPPER.readTree(record);
        return n.get("workflow_id").textValue();
    }

    static long totalBytes(List<byte[]> records) {
        long n = 0;
        for (byte[] r : records) {
            n += r.length;
        }
        return n;
    }

    static String describe(List<byte[]> records) {
        long big = records.stream().filter(r -> r.length > 100_000).count();
        int typical = records.isEmpty() ? 0 : records.get(0).length;
        return String.format("%d records, %.1f MB, typical %d B, %d of ~%d KB", records.size(),
                totalBytes(records) / 1e6, typical, big,
                records.stream().mapToInt(r -> r.length).max().orElse(0) / 1024);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
