package bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the RESULT lines run.sh or query.sh collected (results.txt; "query" as second argument for query.sh's figures) and prints a Markdown table: for each
 * workload and figure, the median of the rounds with min and max; then the service/baseline
 * ratios, computed per round (same round = same neighbours) and summarized the same way.
 */
public final class Summary {
    private static final String[] FIGURES = {"first_response_ms", "quarkus_started_s", "rss_mb", "rps", "p50_ms", "p90_ms", "p99_ms", "max_ms", "fn_mean_ms", "fn_p50_ms", "fn_p99_ms", "lg_cpu_pct",
            "app_cpu_pct", "evs_cpu_pct", "pg_cpu_pct", "other_cpu_pct", "load1"};
    /** query.sh's figures: latency per shape, what the answers held, where the CPU went. */
    private static final String[] QUERY_FIGURES = {"p50_ms", "p90_ms", "p99_ms", "max_ms", "fn_p50_ms", "fn_p99_ms", "items_avg", "kb_avg", "timeouts",
            "app_cpu_pct", "pg_cpu_pct", "rss_mb", "load1"};

    public static void main(String[] args) throws Exception {
        boolean query = args.length > 1 && args[1].equals("query");
        String[] figures = query ? QUERY_FIGURES : FIGURES;
        Map<String, List<Map<String, String>>> byWorkload = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (!line.startsWith("RESULT ")) {
                continue;
            }
            Map<String, String> kv = new LinkedHashMap<>();
            // Every key=value token; the "# ..." description holds none.
            for (String tok : line.substring(7).trim().split("\\s+")) {
                int eq = tok.indexOf('=');
                if (eq > 0) {
                    kv.put(tok.substring(0, eq), tok.substring(eq + 1));
                }
            }
            String key = kv.getOrDefault("mode", "") + " " + kv.get("workload");
            byWorkload.computeIfAbsent(key.trim(), k -> new ArrayList<>()).add(kv);
        }
        StringBuilder out = new StringBuilder();
        out.append("| workload | runs |");
        for (String f : figures) {
            out.append(' ').append(f).append(" |");
        }
        out.append("\n|---|---|").append("---|".repeat(figures.length)).append('\n');
        byWorkload.forEach((w, runs) -> {
            out.append("| ").append(w).append(" | ").append(runs.size()).append(" |");
            for (String f : figures) {
                out.append(' ').append(stat(runs.stream().filter(r -> r.containsKey(f))
                        .map(r -> Double.parseDouble(r.get(f))).toList())).append(" |");
            }
            out.append('\n');
        });
        if (query) {
            System.out.print(out);
            return;
        }
        out.append("\nService / baseline, records/s, per round (median [min–max]):\n\n");
        for (String[] pair : new String[][] {{"batch1000", "base-batch1000"}, {"batch100", "base-batch100"},
                {"single", "base-single"}}) {
            for (String mode : new String[] {"jvm", "native"}) {
                List<Map<String, String>> svc = byWorkload.get(mode + " " + pair[0]);
                List<Map<String, String>> base = byWorkload.get("baseline " + pair[1]);
                if (svc == null || base == null) {
                    continue;
                }
                Map<String, Double> baseByRound = new TreeMap<>();
                base.forEach(b -> baseByRound.put(b.get("round"), Double.parseDouble(b.get("rps"))));
                List<Double> ratios = new ArrayList<>();
                for (Map<String, String> s : svc) {
                    Double b = baseByRound.get(s.get("round"));
                    if (b != null) {
                        ratios.add(100 * Double.parseDouble(s.get("rps")) / b);
                    }
                }
                out.append(String.format("- %s %s / %s: %s %%%n", mode, pair[0], pair[1], stat(ratios)));
            }
        }
        System.out.print(out);
    }

    static String stat(List<Double> values) {
        if (values.isEmpty()) {
            return "";
        }
        List<Double> v = new ArrayList<>(values);
        v.sort(null);
        int n = v.size();
        double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
        return n == 1 ? fmt(median) : fmt(median) + " [" + fmt(v.get(0)) + "–" + fmt(v.get(n - 1)) + "]";
    }

    private static String fmt(double d) {
        return d >= 100 ? String.format("%.0f", d) : d >= 10 ? String.format("%.1f", d) : String.format("%.2f", d);
    }
}
