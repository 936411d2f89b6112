package bench;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The load generator and the PostgreSQL baseline, one sequential client each (one Lambda
 * instance handles one invocation at a time). Prints one {@code RESULT key=value ...} line.
 *
 * <pre>
 * single      url= records= warmup=        POST /api/v1/workflows, one record per request
 * batch       url= size= records= warmup=  POST /api/v1/workflows/batch, JSON arrays of size
 * health      url= records= warmup=        GET /q/health/live: the Lambda path without the database
 * first       url=                         one POST, answered once the function is up (cold start)
 * base-single jdbc= records= warmup=       the service's upsert over JDBC, one record per statement
 * base-batch  jdbc= size= records= warmup= the service's upsert over JDBC, size records per statement
 * query       url= shapes= requests= warmup=  each query shape of the shapes file (query.sh), sequentially
 * </pre>
 *
 * Common: template= (bench/template-record.json), seed= (default 42; warm-up uses seed+1).
 */
public final class LoadGen {

    private final Map<String, String> opts;

    private LoadGen(Map<String, String> opts) {
        this.opts = opts;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            opts.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        LoadGen gen = new LoadGen(opts);
        switch (args[0]) {
            case "single" -> gen.single();
            case "batch" -> gen.batch();
            case "health" -> gen.health();
            case "first" -> gen.first();
            case "base-single" -> gen.baseline(1);
            case "base-batch" -> gen.baseline(gen.integer("size", 1000));
            case "query" -> gen.query();
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private int integer(String key, int dflt) {
        return Integer.parseInt(opts.getOrDefault(key, Integer.toString(dflt)));
    }

    private List<byte[]> records(int count, int block, boolean warmup) throws Exception {
        long seed = Long.parseLong(opts.getOrDefault("seed", "42")) + (warmup ? 1 : 0);
        return Records.generate(Path.of(opts.getOrDefault("template", "bench/template-record.json")), seed, count, block);
    }

    // ---- service over HTTP ------------------------------------------------------------------

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private HttpResponse<String> post(String path, byte[] body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(opts.get("url") + path))
                .timeout(Duration.ofSeconds(Long.parseLong(opts.getOrDefault("timeout", "15"))))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            // The function never answered: in AWS the invocation would run into the Lambda
            // timeout. run.sh records it, collects diagnostics and restarts the function.
            System.out.println("HANG no answer within " + opts.getOrDefault("timeout", "15") + " s: POST " + path);
            System.exit(3);
            throw e;
        }
    }

    private void single() throws Exception {
        int n = integer("records", 2000);
        List<byte[]> warm = records(integer("warmup", 1000), 1, true);
        List<byte[]> recs = records(n, 1, false);
        for (byte[] r : warm) {
            check(post("/api/v1/workflows", r));
        }
        Meter m = new Meter();
        for (byte[] r : recs) {
            long t = System.nanoTime();
            check(post("/api/v1/workflows", r));
            m.sample(t);
        }
        m.report("single", recs.size(), Records.describe(recs));
    }

    private void batch() throws Exception {
        int size = integer("size", 1000);
        List<byte[]> warm = records(integer("warmup", 2000), size, true);
        List<byte[]> recs = records(integer("records", 20000), size, false);
        opts.putIfAbsent("timeout", "30"); // API Gateway's integration cap (29 s)
        sendBatches(warm, size);
        Meter m = new Meter();
        for (int from = 0; from < recs.size(); from += size) {
            byte[] body = Records.array(recs, from, Math.min(recs.size(), from + size));
            long t = System.nanoTime();
            checkBatch(post("/api/v1/workflows/batch", body));
            m.sample(t);
        }
        m.report("batch" + size, recs.size(), Records.describe(recs));
    }

    private void sendBatches(List<byte[]> recs, int size) throws Exception {
        for (int from = 0; from < recs.size(); from += size) {
            checkBatch(post("/api/v1/workflows/batch", Records.array(recs, from, Math.min(recs.size(), from + size))));
        }
    }

    private void health() throws Exception {
        int n = integer("records", 2000);
        HttpRequest req = HttpRequest.newBuilder(URI.create(opts.get("url") + "/q/health/live")).GET().build();
        for (int i = 0; i < integer("warmup", 500); i++) {
            http.send(req, HttpResponse.BodyHandlers.ofString());
        }
        Meter m = new Meter();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("health: " + r.statusCode() + " " + r.body());
            }
            m.sample(t);
        }
        m.report("health", n, "GET /q/health/live");
    }

    /** One POST sent at once; the event server holds it until the function polls. */
    private void first() throws Exception {
        List<byte[]> recs = records(2, 1, true);
        HttpResponse<String> r = post("/api/v1/workflows", recs.get(0));
        long now = System.currentTimeMillis();
        check(r);
        System.out.println("RESULT workload=first epoch_ms=" + now + " status=" + r.statusCode());
    }

    /**
     * The query benchmark. The shapes file (written by query.sh) has one request per line,
     * {@code shape TAB method TAB path [TAB body]}, several per shape with different values taken
     * from the data set. Per shape: {@code warmup} requests, then {@code requests} measured ones
     * cycling through its lines; every answer must be a 200 with at least one item (a page,
     * lineage nodes or a record), so a query that silently matches nothing cannot look fast.
     */
    private void query() throws Exception {
        Map<String, List<String[]>> shapes = new java.util.LinkedHashMap<>();
        for (String line : java.nio.file.Files.readAllLines(Path.of(opts.get("shapes")))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.split("\t", 4);
                shapes.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
            }
        }
        int requests = integer("requests", 500);
        int warm = integer("warmup", 100);
        String only = opts.getOrDefault("only", "");
        for (Map.Entry<String, List<String[]>> shape : shapes.entrySet()) {
            if (!only.isEmpty() && !Arrays.asList(only.split(",")).contains(shape.getKey())) {
                continue;
            }
            List<String[]> reqs = shape.getValue();
            // Shapes beyond the indexed ones may run into ingest.query.timeout: a 503 query-timeout
            // is their documented answer, counted (and timed) rather than a failure.
            boolean mayTimeOut = shape.getKey().startsWith("other_");
            int n = mayTimeOut ? Math.max(10, requests / 10) : requests; // each may take the whole timeout
            for (int i = 0; i < (mayTimeOut ? Math.min(warm, 2) : warm); i++) {
                send(reqs.get(i % reqs.size()), mayTimeOut);
            }
            Meter m = new Meter();
            long bytes = 0;
            long items = 0;
            int timeouts = 0;
            for (int i = 0; i < n; i++) {
                String[] req = reqs.get(i % reqs.size());
                long t = System.nanoTime();
                Answer r = send(req, mayTimeOut);
                m.sample(t);
                bytes += r.wireBytes();
                if (r.status() == 503) {
                    timeouts++;
                } else {
                    items += itemCount(req, r.body());
                }
            }
            m.extra = String.format("items_avg=%.1f kb_avg=%.1f timeouts=%d", n == timeouts ? 0.0 : (double) items / (n - timeouts),
                    bytes / 1024.0 / n, timeouts);
            m.report("q_" + shape.getKey(), n, reqs.get(0)[1] + " " + reqs.get(0)[2] + (reqs.get(0).length > 3 ? " " + reqs.get(0)[3] : ""));
        }
    }

    /** An answer of the query benchmark: status, body (decompressed) and its size on the wire. */
    private record Answer(int status, String body, int wireBytes) {
    }

    /**
     * One request of the query benchmark. With {@code gzip=1} it asks for a compressed answer
     * ({@code Accept-Encoding: gzip}, as curl --compressed, Python requests and browsers do) and
     * inflates it, as those clients do, within the timed request.
     */
    private Answer send(String[] req, boolean mayTimeOut) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(opts.get("url") + req[2])).timeout(Duration.ofSeconds(30));
        if (req[1].equals("POST")) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(req[3]));
        }
        if ("1".equals(opts.get("gzip"))) {
            b.header("Accept-Encoding", "gzip");
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] wire = r.body();
        byte[] raw = wire;
        if (r.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")) {
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(wire))) {
                raw = in.readAllBytes();
            }
        }
        String body = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        boolean timedOut = r.statusCode() == 503 && body.contains("query-timeout");
        if (r.statusCode() != 200 && !(mayTimeOut && timedOut)) {
            throw new IllegalStateException(req[0] + ": HTTP " + r.statusCode() + " for " + req[1] + " " + req[2] + ": "
                    + body.substring(0, Math.min(500, body.length())));
        }
        return new Answer(r.statusCode(), body, wire.length);
    }

    private static int itemCount(String[] req, String answer) throws Exception {
        com.fasterxml.jackson.databind.JsonNode body = Records.MAPPER.readTree(answer);
        int count = body.has("items") ? body.get("items").size()
                : body.has("nodes") ? body.get("nodes").size()
                : body.size() > 0 ? 1 : 0;
        if (count == 0) {
            throw new IllegalStateException(req[0] + ": no items for " + req[1] + " " + req[2]);
        }
        return count;
    }

    private static void check(HttpResponse<String> r) {
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
        }
    }

    private static void checkBatch(HttpResponse<String> r) {
        if (r.statusCode() != 200 || !r.body().contains("\"status\":\"success\"")) {
            String b = r.body();
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + b.substring(0, Math.min(2000, b.length())));
        }
    }

    // ---- PostgreSQL baseline ---------------------------------------------------------------

    /**
     * The same records, normalized by the application's own record/WorkflowRecords (its jar is on
     * the classpath; normalization is done before the clock starts), written with the
     * application's upsert statement in batches, one statement per batch, autocommit.
     */
    private void baseline(int size) throws Exception {
        List<String[]> warm = normalize(records(integer("warmup", size == 1 ? 1000 : 2000), size, true));
        List<String[]> recs = normalize(records(integer("records", size == 1 ? 2000 : 20000), size, false));
        try (Connection c = DriverManager.getConnection(opts.get("jdbc"), opts.getOrDefault("user", "postgres"), "");
             PreparedStatement ps = c.prepareStatement(applicationUpsert())) {
            c.setAutoCommit(true);
            upsertAll(c, ps, warm, size, null);
            Meter m = new Meter();
            upsertAll(c, ps, recs, size, m);
            m.report(size == 1 ? "base-single" : "base-batch" + size, recs.size(), "normalized by the application's WorkflowRecords");
        }
    }

    private static void upsertAll(Connection c, PreparedStatement ps, List<String[]> recs, int size, Meter m) throws Exception {
        for (int from = 0; from < recs.size(); from += size) {
            int to = Math.min(recs.size(), from + size);
            long t = System.nanoTime();
            String[] ids = new String[to - from];
            String[] docs = new String[to - from];
            Integer[] counts = new Integer[to - from];
            for (int i = from; i < to; i++) {
                ids[i - from] = recs.get(i)[0];
                docs[i - from] = recs.get(i)[1];
                counts[i - from] = 1;
            }
            Array a1 = c.createArrayOf("text", ids);
            Array a2 = c.createArrayOf("text", docs);
            Array a3 = c.createArrayOf("int4", counts);
            ps.setArray(1, a1);
            ps.setArray(2, a2);
            ps.setArray(3, a3);
            int rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                }
            }
            if (rows != to - from) {
                throw new IllegalStateException("upsert returned " + rows + " rows for " + (to - from));
            }
            if (m != null) {
                m.sample(t);
            }
        }
    }

    /**
     * The application's own upsert (store/WorkflowWriter.UPSERT, from its jar on the classpath),
     * its numbered parameters ($1, $2, $3, in order) turned into JDBC's.
     */
    static String applicationUpsert() throws Exception {
        java.lang.reflect.Field field = Class.forName("io.workflowingest.store.WorkflowWriter").getDeclaredField("UPSERT");
        field.setAccessible(true);
        return ((String) field.get(null)).replaceAll("\\$\\d+", "?");
    }

    private static List<String[]> normalize(List<byte[]> records) throws Exception {
        Class<?> limitsClass = Class.forName("io.workflowingest.record.RecordLimits");
        Object limits = limitsClass.getMethod("defaults").invoke(null);
        Class<?> recordsClass = Class.forName("io.workflowingest.record.WorkflowRecords");
        Object normalizer = recordsClass.getConstructor(limitsClass).newInstance(limits);
        Method parse = recordsClass.getMethod("parseAndNormalize", byte[].class);
        List<String[]> out = new ArrayList<>(records.size());
        for (byte[] r : records) {
            Object doc = parse.invoke(normalizer, (Object) r);
            String json = doc.toString();
            out.add(new String[] {Records.MAPPER.readTree(json).get("workflow_id").textValue(), json});
        }
        return out;
    }

    /**
     * What Lambda bills, as the event server measured it (EventServer): the function's duration
     * per invocation since the last call. Empty for the baseline.
     */
    private String functionDurations() {
        if (!opts.containsKey("url")) {
            return "";
        }
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(opts.get("url") + "/_bench/durations")).GET().build();
            return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    // ---- measurement -------------------------------------------------------------------------

    /** Latency per request and throughput over the measured interval, plus this process's CPU. */
    final class Meter {
        private final ProcCpu procs = new ProcCpu(opts.getOrDefault("watch", ""));
        private final String discarded = functionDurations();
        private final long start = System.nanoTime();
        private final long cpuStart = cpuNanos();
        private long[] samples = new long[1024];
        private int n;
        String extra = "";

        void sample(long startedNanos) {
            if (n == samples.length) {
                samples = Arrays.copyOf(samples, n * 2);
            }
            samples[n++] = System.nanoTime() - startedNanos;
        }

        void report(String workload, int records, String what) {
            long wall = System.nanoTime() - start;
            long cpu = cpuNanos() - cpuStart;
            long[] s = Arrays.copyOf(samples, n);
            Arrays.sort(s);
            System.out.printf("RESULT workload=%s records=%d requests=%d seconds=%.3f rps=%.1f req_per_s=%.1f"
                            + " p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f min_ms=%.3f max_ms=%.3f lg_cpu_pct=%.1f ",
                    workload, records, n, wall / 1e9, records / (wall / 1e9), n / (wall / 1e9),
                    pct(s, 50), pct(s, 90), pct(s, 99), s[0] / 1e6, s[n - 1] / 1e6, 100.0 * cpu / wall);
            System.out.println(procs.report(wall, cpu) + " " + functionDurations() + " " + extra);
            System.out.println("# " + workload + ": " + what);
        }

        private static double pct(long[] sorted, int p) {
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }

        private static long cpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }
    }
}
